## Authentication: passwords, second factors, passkeys, recovery, devices.

error-password-common = This password is too common: it appears in lists of leaked passwords. Choose a longer phrase of unrelated words.

audit-action-credential-totp-enrolled = Authenticator app set up
audit-action-credential-totp-removed = Authenticator app removed
audit-action-credential-passkey-registered = Passkey registered
audit-action-credential-passkey-removed = Passkey removed
audit-action-credential-recovery-issued = Recovery code issued
audit-action-credential-recovery-used = Signed in with a recovery code
audit-action-credential-recovery-refused = Wrong recovery code entered
audit-action-session-revoked = Session ended
audit-action-ballot-credential-issued = Anonymous voting credential issued
audit-action-ballot-trustees-set = Trustees named
audit-action-ballot-trustee-key-submitted = Trustee key submitted
audit-action-ballot-dealing-submitted = Trustee dealing submitted
audit-action-ballot-election-key-made = Election key made
audit-action-ballot-share-revealed = Trustee share revealed
audit-action-ballot-record-published = Ballot record published

## Sign-in: re-authentication and the second step.
sign-in-reauth-lead = For your security, sign in again to confirm it is you.
totp-sign-in-title = Enter your code
totp-sign-in-lead = Your password was right. Open your authenticator app and enter the code it shows for civis.
totp-sign-in-submit = Continue
totp-field-code = Code
totp-hint-code = Six digits from your authenticator app. Each code works once.
totp-hint-confirm = The six digits your app shows now.

## Why a code was not accepted.
totp-error-missing = Enter the code from your authenticator app
totp-error-malformed = A code is six digits
totp-error-wrong = This code is wrong or has expired. Enter the code your app shows now.
totp-error-replayed = This code was already used. Wait for the next code and enter it.
totp-error-throttled = Too many wrong codes. Try again in { $minutes } minutes.
totp-error-not-enrolled = There is no authenticator app to check this code against. Start again.

## Sign-in methods page.
account-security-link = Sign-in methods and devices
security-title = Sign-in methods
security-lead = How you prove it is you when you sign in. A second factor keeps your account safe even if someone learns your password.
security-done-totp-enrolled = Your authenticator app is set up. From now on, signing in asks for a code.
security-done-totp-removed = Your authenticator app was removed.
security-done-reauth = You confirmed it is you: you can remove a sign-in method for the next few minutes.
security-passkey-required = Your role ({ $role }) needs a passkey, and this session was not signed in with one: until it is, you can use civis only as a resident would. Create a passkey below if you have none, then sign out and sign in with it.
totp-heading = Authenticator app
totp-enrolled = An authenticator app is set up: signing in with your password also asks for a code from it.
totp-not-enrolled = No authenticator app is set up.
totp-set-up = Set up an authenticator app
totp-remove = Remove the authenticator app
totp-enrol-title = Set up an authenticator app
totp-enrol-step-scan = Scan this QR code with an authenticator app on your phone.
totp-enrol-qr-alt = QR code for your authenticator app. If you cannot scan it, type the key shown below.
totp-enrol-step-type = Or type this key into the app:
totp-enrol-step-confirm = Enter the code the app shows, to confirm.
totp-enrol-submit = Confirm
totp-enrol-secret-once = Once confirmed, this key is never shown again.

## Step-up.
step-up-title = Confirm it is you
step-up-lead = The service you are signing in to needs the level of assurance “{ $level }”. Prove it is you with one more factor.
step-up-reauth-lead = Removing a sign-in method needs a recent sign-in. Prove it is you again with your authenticator app or a passkey.
step-up-submit = Continue
step-up-nothing = You have no second factor that can give this level yet. Set one up, then come back.
step-up-set-up = Set up a sign-in method
step-up-unreachable = Your account cannot reach this level: how your identity was checked does not allow it. Visit a service desk to have it checked in person.
level-low = low
level-substantial = substantial
level-high = high

## Passkeys.
passkey-heading = Passkeys
passkey-lead = A passkey lets you sign in with your phone, computer or security key and its screen lock (fingerprint, face or PIN), without a password. It cannot be phished.
passkey-none = You have no passkeys yet.
passkey-caption = { $count ->
    [one] One passkey
   *[other] { $count } passkeys
}
passkey-registered = Registered
passkey-last-used = Last used
passkey-never-used = Not used yet
passkey-actions = Actions
passkey-remove = Remove
passkey-add-heading = Add a passkey
passkey-add-button = Create a passkey
passkey-field-name = Name
passkey-hint-name = To recognise it later, for example “Work laptop”.
passkey-no-js = Passkeys need JavaScript, which is off or not available. You can sign in with your password and a code from an authenticator app instead.
passkey-sign-in-heading = Sign in with a passkey
passkey-sign-in-lead = No username or password needed: your device asks for its screen lock.
passkey-sign-in-button = Sign in with a passkey
passkey-step-up-heading = Use a passkey
passkey-step-up-button = Confirm with a passkey
security-done-passkey-registered = Your passkey was created.
security-done-passkey-removed = The passkey was removed.
passkey-error-generic = The passkey could not be used. Try again, or use your password.
passkey-error-ceremony_unknown = This request has expired or was already used. Try again.
passkey-error-wrong_origin = The passkey answered for another website.
passkey-error-wrong_rp_id = The passkey belongs to another website.
passkey-error-bad_signature = The passkey's signature is not valid.
passkey-error-counter_regressed = This passkey may have been copied: its use counter went backwards. It was refused; contact us if you did not expect this.
passkey-error-unknown_credential = This passkey is not registered here.
passkey-error-not_verified = Your device did not check that it is you (fingerprint, face or PIN).
passkey-error-already_registered = This passkey is registered already.
passkey-error-name_missing = Give the passkey a name
passkey-error-name_too_long = The name can have at most { $max } characters
passkey-error-invalid = The passkey's answer could not be read.

## Devices and sessions.
devices-heading = Where you are signed in
devices-lead = Each browser or app where you are signed in. End any you do not recognise, then change your password.
devices-device = Device
devices-methods = Signed in with
devices-revoke = End this session
devices-sign-out-here = Sign out here
device-unknown = Unknown device
security-done-session-revoked = The session was ended.
method-pwd = password
method-otp = authenticator app code
method-hwk = passkey
method-rc = recovery code

password-heading = Password
password-set = Your account has a password.
password-none = Your account has no password: you sign in with a passkey.
password-change-link = Change your password
password-set-link = Set a password
password-title = Change your password
password-lead = Choose a new password. Everywhere else you are signed in, you will be signed out.
password-none-yet = Your account has no password yet: the new one will be its first.
password-submit = Change password
password-back = Back to sign-in methods
field-password-current = Current password
field-password-new = New password
error-password-current-wrong = The current password is missing or wrong
security-done-password-changed = Your password was changed. You were signed out everywhere else.
