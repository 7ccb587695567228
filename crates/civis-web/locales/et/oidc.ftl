## OpenID Connecti teenus: auditilogi toimingud

audit-action-oidc-client-registered = Kliendirakendus registreeritud
audit-action-oidc-client-changed = Kliendirakendust muudetud
audit-action-oidc-client-secret-reset = Kliendirakenduse saladus vahetatud
audit-action-oidc-consent-granted = Nõusolek andmete jagamiseks teenusega

## Autoriseerimise vead, mida näidatakse, kuid teenusele ei saadeta

oidc-error-title = Seda sisselogimise päringut ei saa kasutada
oidc-error-missing-client-id = Teenus, mis sind siia saatis, ei öelnud, kes ta on. Mine teenusesse tagasi ja proovi uuesti või teata selle haldajatele.
oidc-error-unknown-client = Teenus, mis sind siia saatis, ei ole civises registreeritud. Mine teenusesse tagasi ja teata selle haldajatele.
oidc-error-missing-redirect-uri = Teenus, mis sind siia saatis, ei öelnud, kuhu sind tagasi saata. Mine teenusesse tagasi ja teata selle haldajatele.
oidc-error-redirect-uri-mismatch = Teenus palus sind saata aadressile, mida ta pole registreerinud. Sinu turvalisuse huvides sind sinna ei saadetud. Mine teenusesse tagasi ja teata selle haldajatele.
oidc-error-repeated = Päringus on teenus või tagasisaatmise aadress kaks korda. Sinu turvalisuse huvides seda ei kasutatud. Mine teenusesse tagasi ja proovi uuesti.

## Nõusolek

oidc-consent-title = Kas jagada oma andmeid teenusega { $service }?
oidc-consent-intro = { $service } soovib teada:
oidc-consent-remember = civis jätab sinu vastuse selle teenuse jaoks meelde. Teenus ei saa midagi enne, kui sa lubad.
oidc-consent-allow = Luba
oidc-consent-deny = Ära luba
oidc-claim-sub-pairwise = Sinu tunnus, mida näeb ainult see teenus
oidc-claim-sub-public = Sinu avalik tunnus, mida näevad ka teised avalikud teenused
oidc-claim-authentication = Millal ja kuidas sa sisse logisid ning kui kindel on civis, et see oled sina (usaldusväärsuse tase)
oidc-claim-name = Sinu nimi ja kasutajanimi
oidc-claim-register-profile = Kui sinu konto on seotud rahvastikuregistriga: sinu eesnimi, perekonnanimi ja sünniaeg
oidc-claim-address = Sinu aadress rahvastikuregistris
oidc-claim-offline = Hoida seda ligipääsu ka siis, kui sa ei ole kohal, kuni sa selle tagasi võtad
