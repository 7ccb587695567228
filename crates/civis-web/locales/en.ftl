# civis web interface — English (the reference language).
# Every message here must exist in es.ftl and et.ftl too (a test checks).

## Page frame

skip-to-content = Skip to main content
nav-main = Main
nav-language = Language
nav-home = Home
nav-account = Your account
nav-users = Users
nav-audit = Audit log
nav-sign-in = Sign in
nav-sign-up = Create an account
sign-out = Sign out
footer-about = civis is open-source digital public infrastructure for your municipality.
title-error-prefix = Error:

## Roles

role-resident = Resident
role-official = Official
role-admin = Administrator
role-auditor = Auditor
role-resident-explained = As a resident you can take part in your municipality's processes and manage your own data.
role-official-explained = As an official you run processes such as participatory budgets and can read all data.
role-admin-explained = As an administrator you manage accounts, roles and settings.
role-auditor-explained = As an auditor you can read everything, including the audit log, but you cannot change anything.

## Home

home-title = Welcome
home-heading = civis: your say in your municipality
home-lead = civis is where residents and the municipality decide things together: how to spend part of the budget, which proposals go ahead, and who may use your data.
home-welcome = Welcome back, { $name }.
home-what-heading = What you can do here
home-what-budget = Propose projects and choose which ones get funded in participatory budgeting.
home-what-vote = Vote in a way you can check: your vote is counted as cast, and results can be verified by anyone.
home-what-data = See what data the municipality holds about you and who has used it.
home-trust-heading = Open and accountable
home-trust-text = civis is open source. Every change made by staff is recorded in an audit log that independent auditors can read.
home-start-heading = Get started
home-start-sign-up = Create an account
home-start-sign-in = Sign in if you already have an account

## Forms

form-error-summary = There is a problem
field-username = Username
field-display-name = Display name
field-password = Password
field-password-confirm = Repeat the password
field-role = Role
hint-username = 3 to 32 characters: lowercase letters a to z, digits, dots, hyphens and underscores.
hint-display-name = The name other people see, up to 64 characters.
hint-password = At least 12 characters. A few unrelated words make a good password.

error-username-missing = Enter your username
error-username-empty = Choose a username
error-username-too-short = The username must be at least { $min } characters long
error-username-too-long = The username must be at most { $max } characters long
error-username-invalid-char = The username cannot contain “{ $found }” (character { $position }): use lowercase letters a to z, digits, dots, hyphens and underscores
error-username-taken = This username is already taken: choose another one
error-password-missing = Enter your password
error-password-empty = Choose a password
error-password-too-short = The password must be at least { $min } characters long
error-password-too-long = The password must be at most { $max } characters long
error-password-mismatch = The two passwords do not match
error-display-name-empty = Enter a display name
error-display-name-too-long = The display name must be at most { $max } characters long
error-display-name-control = The display name cannot contain line breaks or other control characters
error-role-invalid = Choose one of the listed roles
error-role-own = You cannot change your own role: ask another administrator

## Sign in and sign up

sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-no-account = No account yet?
sign-in-failed = The username or password is incorrect
sign-in-throttled = Too many failed attempts. Try again in { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
  }.
sign-up-title = Create an account
sign-up-lead = With an account you can take part in your municipality's processes. You only need a username and a password.
sign-up-submit = Create account
sign-up-have-account = Already have an account?

## Account

account-title = Your account
account-profile-heading = Profile
account-member-since = Member since
account-sessions-heading = Where you are signed in
account-sessions-lead = These are your active sessions. Signing out ends the session on this device.
account-sessions-caption = { $count ->
    [one] One active session
   *[other] { $count } active sessions
  }
session-started = Signed in
session-last-seen = Last active
session-expires = Expires
session-this-one = this device

## Users (administrators)

users-title = Users
users-caption = { $total ->
    [one] One account
   *[other] { $total } accounts
  }, by username
users-account = Account
users-created-on = Created { $date }
users-role-of = Role of { $name }
users-change-role = Change role
users-create-heading = Create an account
users-create-submit = Create account
users-created-notice = Account { $name } created.
users-role-changed-notice = { $name } is now: { $role }.
hint-initial-password = Give it to the person securely; they can change it later. At least 12 characters.

## Paging

pager-label = Pages
pager-previous = Previous page
pager-next = Next page
pager-status = Page { $page } of { $pages }

## Audit log

audit-title = Audit log
audit-lead = Every change to accounts, roles, settings and processes, newest first. The log cannot be edited.
audit-filters = Filter events
audit-actor = Done by (username)
audit-action = Action
audit-any-action = Any action
audit-from = From date
audit-to = To date (inclusive)
hint-date = For example 2026-11-26
audit-apply = Apply filters
audit-clear = Clear filters
audit-when = When (UTC)
audit-target = Target
audit-change = Change
audit-caption = { $total ->
    [0] No matching events
    [one] One matching event
   *[other] { $total } matching events
  }
audit-system = system
audit-unknown-user = account { $id }
error-action-invalid = Choose one of the listed actions
error-date-invalid = Enter a real date in the form YYYY-MM-DD, for example 2026-11-26
error-date-order = The “to” date must be on or after the “from” date
error-actor-unknown = There is no account with the username “{ $name }”

audit-action-user-created = Account created
audit-action-user-profile-changed = Profile changed
audit-action-user-password-changed = Password changed
audit-action-user-role-changed = Role changed
audit-action-user-disabled = Account disabled
audit-action-user-enabled = Account enabled
audit-action-sign-in-failed-lockout = Sign-in blocked after failed attempts
audit-action-session-revoked-all = All sessions ended
audit-action-settings-changed = Settings changed
audit-action-process-created = Process created
audit-action-process-changed = Process changed
audit-action-process-results-published = Results published
audit-action-data-exported = Data exported

## Error pages

error-go-home = Go to the home page
error-not-found-title = Page not found
error-not-found-text = There is nothing at this address. If you typed it, check it for mistakes.
error-forbidden-title = Not allowed
error-forbidden-text = Your role does not allow you to see or do this. If you think it should, ask an administrator.
error-csrf-text = This form had expired or did not come from this site. Go back, reload the page and try again.
error-unauthorized-title = Sign in needed
error-unauthorized-text = You need to sign in to do this.
error-method-title = Not possible here
error-method-text = This address does not support that kind of request.
error-bad-request-title = Something is wrong with the request
error-bad-request-text = The request could not be understood. Go back and try again.
error-too-large-title = Too much data
error-too-large-text = What you sent is larger than this site accepts.
error-too-many-title = Too many attempts
error-too-many-text = Wait a little and try again.
error-unavailable-title = Temporarily unavailable
error-unavailable-text = The service cannot answer right now. Try again in a few minutes.
error-internal-title = Something went wrong
error-internal-text = There is a problem on our side. It is not your fault, and it has been logged.
error-reference = If you contact support, quote this reference: { $reference }
