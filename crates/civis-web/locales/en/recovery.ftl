## Account recovery with one-time codes issued by officials.

recovery-issue-title = Issue a recovery code
recovery-issue-intro = For a resident who can no longer sign in. Check an identity document in person first. The code works once, for 24 hours, and replaces any earlier code of the account.
recovery-issue-confirm = I checked the document: the photo matches the person, and the name matches the account.
recovery-issue-submit = Issue the code
recovery-issued-title = Recovery code
recovery-issued-once = This code is shown only this once. Print this page or copy the code for the resident now.
recovery-issued-expires = Works until (UTC)
recovery-issued-how = The resident goes to /recover, types their username and this code, and then sets a new password, passkey or authenticator app.
recovery-issued-back = Issue another code
recover-title = Recover your account
recover-intro = If you can no longer sign in, an official can check your identity document and give you a recovery code. Type it here with your username.
recover-field-code = Recovery code
recover-hint-code = Twelve letters and digits, e.g. 7KQM-X3PA-DW9C. Hyphens and spaces do not matter.
recover-field-password = New password (optional)
recover-hint-password = Leave empty to keep your password and add a passkey or an authenticator app instead. At least 12 characters.
recover-submit = Recover my account
recover-username-missing = Type your username.
recover-code-missing = Type the recovery code the official gave you.
recover-password-bad = Choose a password of at least 12 characters that is not a common one.
recover-code-wrong = This username and recovery code do not work. The code may be mistyped, expired, used or replaced by a newer one.
recover-too-many = Too many failed attempts. Wait an hour, or ask an official for a new code.
