-- How each client service's ID tokens are signed (id_token_signed_response_alg):
-- RS256, OpenID Connect's default, or ES256.
ALTER TABLE oidc_clients ADD COLUMN id_token_alg TEXT NOT NULL DEFAULT 'RS256';
