## Authentication: passwords, second factors, passkeys, recovery, devices.

error-password-common = This password is too common: it appears in lists of leaked passwords. Choose a longer phrase of unrelated words.
