## Resident register: audit actions

audit-action-register-imported = Register file imported
audit-action-register-record-read = Register record read
audit-action-register-permission-granted = Register permission granted
audit-action-register-permission-revoked = Register permission revoked

## Navigation

nav-register = Register
nav-register-grants = Register permissions

## The register page

register-title = Resident register
register-counts = The register holds { $records } records, { $active } of them active.
register-personal-data = The register is personal data. Each record you open is recorded with your name and the purpose you give.
register-search-heading = Find a record
register-field-personal-code = Personal code
register-hint-personal-code = 11 digits, for example 37605030299.
register-field-purpose = Why do you need to see this record?
register-field-purpose-text = Purpose in your words
register-hint-purpose-text = Required when you choose “Another reason”. At most 200 characters.
register-search-submit = Show the record
register-not-found = No record has this personal code. The search was recorded.
register-purpose-enrolment = Enrolling the resident (identity check, activation letter)
register-purpose-resident-request = The resident asked about their own record
register-purpose-eligibility = Checking eligibility for a process
register-purpose-correction = Correcting the register
register-purpose-other = Another reason
register-purpose-missing = Choose why you need to see this record.
register-purpose-missing-text = Say in a few words why you need to see this record.
register-purpose-bad-text = The purpose must be at most 200 characters of plain text.
register-purpose-unknown = Choose one of the listed purposes.

## Import

register-import-heading = Import a register file
register-import-intro = The file is the whole register on its effective date. New personal codes become records; changed lines become new versions from that date; an active record missing from the file stops the import (list it with status deceased or left). Nothing is imported if any line has a problem.
register-field-effective-date = Effective date
register-hint-effective-date = The date the file describes, written YYYY-MM-DD. Not before the latest import's.
register-field-file = Register file (CSV)
register-hint-file = UTF-8 CSV with the columns personal_code, given_name, family_name, birth_date, address, district, and optionally phone and status.
register-import-submit = Import
register-file-missing = Choose the CSV file to import.
register-file-not-utf8 = The file is not UTF-8 text. Save it as CSV UTF-8 and try again.
register-file-problems = { $count ->
    [one] The file has a problem; nothing was imported. It is listed below the field.
   *[other] The file has { $count } problems; nothing was imported. They are listed below the field.
}
register-effective-date-invalid = Enter the effective date as YYYY-MM-DD, for example 2026-11-01.
register-imported = Imported the register of { $date }: { $records } records, { $created } new, { $changed } changed, { $unchanged } unchanged.
register-report-caption = Problems in the file
register-report-line = Line
register-report-field = Column
register-report-reason = Problem
register-imports-caption = Latest imports
register-imports-date = Effective date
register-imports-records = Records
register-imports-created = New
register-imports-changed = Changed
register-imports-unchanged = Unchanged

## Import problems

register-problem-empty = The file is empty: it needs a header line and records.
register-problem-unclosed-quote = A quoted field is never closed.
register-problem-after-quote = Text follows a closing quote; quotes inside a field must be doubled.
register-problem-missing-column = This required column is missing from the header.
register-problem-unknown-column = The register has no such column.
register-problem-repeated-column = This column is named twice in the header.
register-problem-field-count = The line has { $found } fields; the header has { $expected }.
register-problem-required = This field is empty.
register-problem-too-long = Longer than { $max } characters.
register-problem-control = Contains control characters.
register-problem-code-format = A personal code is 11 digits.
register-problem-code-century = A personal code starts with a digit from 1 to 8.
register-problem-code-birth-date = Digits 2 to 7 of the personal code are not a real date of birth.
register-problem-code-checksum = The personal code's check digit is wrong: a digit is mistyped.
register-problem-date-format = Not a date written YYYY-MM-DD.
register-problem-birth-date-mismatch = The personal code says the birth date is { $date }.
register-problem-status = Status must be active, deceased or left.
register-problem-phone = A phone number is + and 8 to 15 digits.
register-problem-duplicate = This personal code is also on line { $line }.
register-problem-no-records = The file has a header and no records.
register-problem-before-last-import = The effective date is before the latest import's, { $date }.
register-problem-version-exists = This record already has a different version from the effective date; import the change with a later date.
register-problem-missing-active = The active record { $code } is not in the file. List it with status deceased or left to end it.

## A record

register-purpose-title = Why do you need to see this record?
register-purpose-intro = The register is personal data. Your read is recorded with the purpose you give here.
register-purpose-submit = Show the record
register-back = Back to the register
register-record-title = Register record { $code }
register-read-recorded = This read was recorded: { $purpose }.
register-versions-caption = Versions, newest first
register-version-valid-from = Valid from
register-version-name = Name
register-version-birth-date = Date of birth
register-version-address = Address
register-version-district = District
register-version-phone = Phone
register-version-status = Status
register-record-link = Read this record again for another purpose
register-status-active = Active
register-status-deceased = Deceased
register-status-left = Left the city

## Permissions

register-grants-title = Register permissions
register-grants-intro = Officials see and import the register only with a permission. Admins grant and revoke them; each change is recorded in the audit log.
register-grants-none = No official holds a register permission.
register-grants-caption = Permissions held
register-grants-field-username = Official's username
register-grants-field-permission = Permission
register-grants-granted-at = Granted
register-grants-revoke = Revoke
register-grants-add-heading = Grant a permission
register-grants-add = Grant
register-grants-granted = { $username } holds the permission.
register-grants-revoked = { $username } no longer holds the permission.
register-grants-unknown-permission = Choose one of the listed permissions.
register-grants-unknown-user = There is no account with this username.
register-grants-not-official = Register permissions are for officials only; this account is not an official.
register-grants-invalid = Check this field.
register-permission-register-read = Read the register
register-permission-register-import = Import register files
register-permission-enrolment-in-person = Verify residents in person and print activation letters

## Enrolment: audit actions

audit-action-enrolment-code-issued = Enrolment code issued
audit-action-enrolment-linked = Account linked to the register
audit-action-enrolment-verified-in-person = Identity verified in person
audit-action-enrolment-code-refused = Enrolment code refused

## The resident's identity page

nav-identity = Identity
nav-enrolment = Enrolment
identity-title = Your identity
identity-level = Level of assurance of this session
identity-level-low = Low
identity-level-substantial = Substantial
identity-level-high = High
identity-register-link = Link to the resident register
identity-not-linked = Not linked
identity-proofing-letter = Linked with an activation letter
identity-proofing-sms = Linked with an SMS code
identity-proofing-in-person = Verified in person
identity-raise-heading = What would raise your level
identity-raise-link = Link your account to the resident register: with the activation letter sent to your address, an SMS code, or at a service desk.
identity-raise-factor = Add a second factor (an authenticator app or a passkey) and sign in with it: a linked account with two factors is at the substantial level.
identity-raise-in-person = Have your identity document checked at a service desk: the high level needs an in-person check.
identity-raise-passkey = Sign in with a passkey: the high level needs one.
identity-letter-heading = I have an activation letter
identity-letter-intro = The letter was sent to your address in the resident register. Enter your personal code and the code printed in the letter.
identity-field-letter-code = Activation code
identity-hint-letter-code = 12 letters and digits, for example 7KQM-X3PA-DW9C.
identity-letter-submit = Link my account
identity-sms-heading = Send me a code by SMS
identity-sms-intro = If the register has your mobile number, we send a code to it. The code works for 10 minutes.
identity-sms-send = Send the code
identity-sms-verify = Link my account
identity-field-sms-code = Code from the SMS
identity-in-person-heading = At a service desk
identity-in-person-intro = Bring your ID card, passport or residence permit to a city service desk. An official checks it and links your account: this gives the highest level.
identity-linked-letter = Your account is linked to the resident register (activation letter).
identity-linked-sms = Your account is linked to the resident register (SMS code).
identity-sms-sent = We sent a code to { $phone }. Enter it below.
identity-code-missing = Enter the code.
identity-code-wrong = { $left ->
    [0] This code is wrong, expired or already used. You have no attempts left: try again in an hour.
    [one] This code is wrong, expired or already used. You have 1 attempt left.
   *[other] This code is wrong, expired or already used. You have { $left } attempts left.
}
identity-too-many-attempts = Too many wrong codes. For your safety, try again in an hour.
identity-too-many-sms = Too many SMS codes were sent. Try again in an hour.
identity-no-phone = We cannot send an SMS for this personal code: the register has no mobile number for it. Use the letter or visit a service desk.
identity-record-taken = This register record is already linked to another account. Ask at a service desk.
identity-linked-elsewhere = Your account is already linked to another register record. Ask at a service desk.
identity-sms-failed = The SMS could not be sent. Try again later.

## Officials: enrolment

enrolment-title = Enrolment
enrolment-in-person-heading = Verify a resident in person
enrolment-in-person-intro = Ask for the resident's username and identity document. The register record you look up is recorded as read for enrolment.
enrolment-field-username = Resident's username
enrolment-check-submit = Look up
enrolment-compare = Compare the document with the register. Link the account only if the photo matches the person and the name and date of birth match.
enrolment-field-document = Document checked
enrolment-document-id-card = ID card
enrolment-document-passport = Passport
enrolment-document-residence-permit = Residence permit
enrolment-document-driving-licence = Driving licence
enrolment-confirm = I checked the document: the photo matches the person, and the name and date of birth match the register.
enrolment-verify-submit = Link the account
enrolment-verified = { $username } is verified in person and linked to the register.
enrolment-unknown-resident = There is no active resident account with this username.
enrolment-no-record = No active register record has this personal code.
enrolment-document-missing = Choose the document you checked.
enrolment-not-confirmed = Confirm that you checked the document.
enrolment-letters-heading = Print activation letters
enrolment-letters-intro = One letter for each active record that no account is linked to yet (at most 500 at a time), each with a new code that replaces earlier ones. You get a PDF to print and post.
enrolment-field-district = District
enrolment-hint-district = Leave empty for every district.
enrolment-letters-submit = Print letters (PDF)

## The activation letter

letter-heading = Your civis activation code
letter-dear = Dear { $name },
letter-go-to = to link your civis account to the resident register, sign in at { $url }
letter-enter = and enter your personal code and this activation code:
letter-expires = The code works once, until { $date }.
letter-ignore = If you do not want to use civis, you can ignore this letter.

identity-released-heading = Your register details given to services
identity-released-none = No service has been given your register details.
identity-released-caption = { $count ->
    [one] The one time a service was given your register details
   *[other] The latest { $count } times services were given your register details, newest first
}
identity-released-service = Service
identity-released-what = What it was given
identity-released-when = When
identity-released-profile = name and date of birth
identity-released-address = address
