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
audit-action-proposal-reviewed = Proposal reviewed
audit-action-proposal-moderated = Proposal hidden or shown
audit-action-ballot-paper-entered = Paper ballot entered
audit-action-implementation-updated = Implementation report added
audit-action-resident-profile-changed = Resident's district or birth date changed

## Error pages

error-go-home = Go to the home page
error-not-found-title = Page not found
error-not-found-text = There is nothing at this address. If you typed it, check it for mistakes.
error-forbidden-title = Not allowed
error-forbidden-text = Your role does not allow you to see or do this. If you think it should, ask an administrator.
error-passkey-title = A passkey is needed
error-passkey-text = Your role needs a passkey, and this session was not signed in with one. Until you sign in with a passkey you can use civis only as a resident would. Add a passkey on the sign-in methods page if you have none, then sign out and sign in with it (or confirm with it on the step-up page).
error-passkey-action = Go to your sign-in methods
error-reauth-title = Confirm it's you
error-reauth-text = Removing a sign-in method needs a recent sign-in. Confirm it's you with your authenticator app or a passkey, then try again.
error-reauth-action = Confirm it's you
error-last-passkey-title = This is your last passkey
error-last-passkey-text = Your role needs a passkey. Add another passkey before you remove this one.
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

## Participatory budgeting

nav-budgets = Participatory budgets
pb-list-title = Participatory budgets
pb-list-lead = Residents propose projects, and everyone who may vote decides which of them get funded from part of the municipal budget.
pb-list-empty = There are no participatory budgets yet.
pb-list-budget = Budget: { $amount }
pb-create-link = Create a process
pb-back-to-list = All participatory budgets
pb-back-to-process = Back to { $title }

pb-phase-upcoming = Not open yet
pb-phase-proposals = Proposals
pb-phase-support = Support
pb-phase-review = Feasibility review
pb-phase-voting = Voting
pb-phase-counting = Counting
pb-phase-results = Results
pb-phase-implementation = Implementation
pb-phase-now = Now: { $phase }
pb-phase-current = (now)
pb-phase-starts = from { $date }
pb-phase-results-when = when the results are published
pb-timeline = Timeline

pb-rules-heading = Budget and rules
pb-rules-budget = Budget
pb-rules-budget-total = { $amount } for the whole city
pb-rules-budget-district = Budget of district { $name }
pb-rules-budget-category = Budget for the category { $name }
pb-rules-who = Who may vote
pb-rules-who-city = Every resident of the city.
pb-rules-who-district = Residents of the district { $district }.
pb-rules-who-age = Voters must be at least { $age } years old on the day voting opens.
pb-rules-ballot = How to vote
pb-rules-outcome = How the winners are chosen
pb-rules-ties = Ties
pb-ballot-approval = Choose between { $min } and { $max } projects you support.
pb-ballot-knapsack = Choose the projects you want, as long as their total cost stays within the budget.
pb-ballot-knapsack-limit = Choose the projects you want, as long as their total cost stays within { $limit }.
pb-ballot-cumulative = Share up to { $points } points among the projects you support.
pb-ballot-cumulative-max = Share up to { $points } points among the projects you support, at most { $max } for one project.
pb-ballot-ranked = Rank up to { $k } projects, your favourite first.
pb-outcome-greedy = The projects with the most votes are funded one after another, skipping any that no longer fit in the money left.
pb-outcome-mes = Method of Equal Shares: each voter controls an equal share of the budget, and a project is funded when its supporters can pay for it together.
pb-outcome-mes-none = Money that is left over is not spent.
pb-outcome-mes-add1 = Money left over is then used by raising every voter's share step by step, and finally by the most-voted projects that still fit.
pb-outcome-mes-add1u = Money left over is then used by raising every voter's share step by step, as equalshares.net recommends.
pb-tie-lexico = Between projects with equal support, the one with the smaller number goes first.
pb-tie-cost-votes = Between projects with equal support, the cheaper one goes first, then the one with more votes.
pb-tie-file = Between projects with equal support, the one proposed earlier goes first.
pb-digest-heading = Fingerprint of the frozen rules
pb-digest-lead = The rules cannot change once voting has opened. This fingerprint (SHA-256) of the rules lets anyone check that they did not.
pb-ballot-count = { $count ->
    [0] No ballots cast yet.
    [one] One ballot cast so far.
   *[other] { $count } ballots cast so far.
  }
pb-voting-closes = Voting closes at { $close }.

pb-unit-citywide = Citywide
pb-unit-district = District: { $name }
pb-unit-category = Category: { $name }
pb-unit-budget = Budget: { $amount }

pb-proposals-heading = Proposals
pb-proposals-empty = No proposals yet.
pb-proposals-caption = { $count ->
    [one] One proposal
   *[other] { $count } proposals
  }
pb-col-proposal = Proposal
pb-col-project = Project
pb-col-cost = Cost
pb-col-status = Status
pb-col-supports = Supporters
pb-col-outcome = Outcome
pb-col-implementation = Implementation
pb-in-district = District: { $name }
pb-in-category = Category: { $name }
pb-review-pending = Waiting for review
pb-review-accepted = Accepted: on the ballot
pb-review-rejected = Not feasible: { $reason }
pb-review-merged = Merged into proposal { $into }
pb-hidden-because = Hidden by moderators: { $reason }
pb-estimate-was = The author estimated { $amount }.
pb-cost-is = Cost: { $amount }
pb-field-district = District
pb-field-category = Category
pb-field-location = Location
pb-you-support = You support this proposal.
pb-support-submit = Support this proposal
pb-proposal-edit-link = Edit your proposal
pb-officials-heading = For officials
pb-review-link = Review feasibility
pb-moderate-link = Moderate
pb-impl-link = Report on implementation
pb-impl-heading = Implementation
pb-impl-planned = Planned
pb-impl-in-progress = In progress
pb-impl-done = Done
pb-impl-cancelled = Cancelled
pb-impl-progress = { $percent } % done
pb-impl-none = No report yet

pb-vote-link = Vote
pb-propose-link = Submit a proposal
pb-results-link = See the results
pb-edit-link = Edit the process
pb-paper-link = Enter a paper ballot
pb-publish-lead = Voting has closed. Publishing computes the outcome with the frozen rules and makes it public; it cannot be undone.
pb-publish-submit = Compute and publish the results

pb-vote-title = Vote: { $title }
pb-vote-until = You may change your ballot until { $close }. Only your last ballot counts.
pb-vote-not-yet = Voting has not opened yet. It opens at { $open }.
pb-vote-over = Voting is closed.
pb-vote-sign-in = Sign in to vote.
pb-vote-problems = Your ballot was not recorded
pb-vote-submit = Cast your ballot
pb-vote-cast-notice = Your ballot has been recorded.
pb-ballot-current = Your ballot of { $when } counts (version { $revision }).
pb-ballot-current-paper = Your paper ballot, entered on { $when }, counts (version { $revision }).
pb-paper-for = Paper ballot for { $name }
pb-paper-submit = Record the paper ballot
pb-rank-legend = Your ranking
pb-rank-n = Choice { $rank }
pb-rank-none = (no project)
pb-meter-used = Chosen so far
pb-meter-left = Left
pb-meter-over = Your choices cost more than this budget. Remove a project.
pb-meter-update = Update total
pb-error-points-number = Enter a whole number of points, such as 3

pb-results-title = Results: { $title }
pb-results-lead = { $ballots } ballots were counted. Computed at { $when }.
pb-results-spent = The funded projects cost { $spent } of { $budget }.
pb-results-caption = Projects of { $unit }, funded first
pb-funded = Funded
pb-not-funded = Not funded
pb-results-digest-lead = The outcome was computed with the rules of this fingerprint, the same as shown when voting opened.
pb-open-data = Open data
pb-export-pabulib = Ballots and projects as a Pabulib file (.pb)
pb-export-csv = Projects and outcome as CSV
pb-export-json = Everything as JSON
pb-col-votes = Votes
pb-col-score = Score
pb-results-voters = { $count ->
    [one] One ballot chose projects here.
   *[other] { $count } ballots chose projects here.
  }
pb-why-heading = Why each project was or was not funded
pb-why-funded = Why was “{ $title }” funded?
pb-why-not-funded = Why was “{ $title }” not funded?
pb-paper-title = Enter a paper ballot
pb-paper-lead = For a resident who cannot vote online. The paper ballot replaces any ballot the resident cast before, online or on paper, and the entry is recorded in the audit log.
pb-paper-resident = Resident's username
pb-paper-resident-hint = As on the resident's account, for example resident001.
pb-paper-find = Continue
pb-paper-entered = The paper ballot of { $name } has been recorded.
pb-proposal-new-title = Submit a proposal
pb-proposal-edit-title = Edit your proposal
pb-proposal-submit = Submit the proposal
pb-proposal-save = Save changes
pb-proposal-saved = Your proposal has been saved.
pb-supported-notice = Thank you: your support has been recorded.
pb-field-title = Title
pb-field-description = Description
pb-field-cost = Estimated cost
pb-hint-description = What should be done, where, and why it helps.
pb-hint-cost = A whole amount, for example 25000. Officials check it during the review.
pb-hint-optional = Optional.
pb-error-cost-empty = Enter the estimated cost
pb-error-cost-number = Enter the cost as a whole amount, for example 25000
pb-official-about = Proposal: { $title }
pb-official-save = Save
pb-decision = Decision
pb-decision-accept = Accept: feasible, goes on the ballot at the official cost
pb-decision-reject = Reject: not feasible, with a public reason
pb-decision-merge = Merge: a duplicate of another proposal
pb-moderation-hide = Hide it, with a reason
pb-moderation-show = Show it again
pb-field-official-cost = Official cost (when accepting)
pb-hint-official-cost = A whole amount, for example 25000.
pb-field-public-reason = Public reason (when rejecting)
pb-hint-public-reason = Shown to everyone: say in plain words why it cannot be done.
pb-field-merge-into = Number of the proposal it duplicates (when merging)
pb-hint-merge-into = The number at the end of that proposal's address, for example 12.
pb-field-hide-reason = Reason for hiding
pb-hint-hide-reason = Recorded in the audit log and shown to officials.
pb-field-progress = Progress in percent
pb-hint-progress = A whole number from 0 to 100.
pb-field-note = What happened
pb-error-choose = Choose one of the options
pb-error-progress = Enter a whole number from 0 to 100
pb-error-proposal-number = Enter the number of a proposal, for example 12
pb-back-to-results = Back to the results of { $title }
pb-see-proposal = The proposal “{ $title }”
pb-form-lead = Everything here may change until voting opens. From then on the rules are frozen, and every change before is recorded in the audit log.
pb-form-texts = Title and description in every language
pb-form-ballot-rule = Ballot and outcome rule
pb-form-params-hint = Fill in the numbers of the chosen ballot format; the others are ignored.
pb-form-save = Save the process
pb-process-saved = The process has been saved.
pb-edit-frozen = Voting has opened, so the rules of this process are frozen and can no longer be changed. Fingerprint of the frozen rules: { $digest }
pb-field-title-en = Title in English
pb-field-title-es = Title in Spanish
pb-field-title-et = Title in Estonian
pb-field-description-en = Description in English
pb-field-description-es = Description in Spanish
pb-field-description-et = Description in Estonian
pb-field-budget-total = Citywide budget
pb-field-budget-districts = District budgets
pb-field-budget-categories = Category budgets
pb-hint-budget-lines = One per line, a name and an amount: North = 50000
pb-field-proposals-open = Proposals open
pb-field-support-open = Support opens (proposals close)
pb-field-review-open = Feasibility review begins (support closes)
pb-field-voting-open = Voting opens (the rules freeze)
pb-field-voting-close = Voting closes
pb-field-implementation-open = Implementation reporting begins
pb-hint-datetime = Date and time in UTC, for example 2026-11-26T19:40
pb-field-eligible-district = Only residents of this district may vote
pb-field-min-age = Minimum age on the day voting opens
pb-field-ballot-type = Ballot format
pb-format-approval = Approval: choose between a minimum and a maximum number of projects
pb-format-knapsack = Knapsack: choose projects within a budget
pb-format-cumulative = Cumulative: share points among projects
pb-format-ranked = Ranked: rank the favourite projects
pb-rule-greedy = Greedy: most votes first, while the money lasts
pb-rule-mes = Method of Equal Shares, no completion
pb-rule-mes-add1 = Method of Equal Shares, completed as pabutools does
pb-rule-mes-add1u = Method of Equal Shares, completed as equalshares.net recommends
pb-field-ballot-min = Approval: fewest projects
pb-field-ballot-max = Approval: most projects
pb-field-ballot-limit = Knapsack: spending limit of one ballot (empty: each budget)
pb-field-ballot-points = Cumulative: points per voter
pb-field-ballot-max-per-project = Cumulative: most points for one project
pb-field-ballot-k = Ranked: longest ranking
pb-error-datetime = Enter a date and time such as 2026-11-26T19:40
pb-error-budget-lines = Write one budget per line as a name, “=” and a whole amount, for example North = 50000
pb-error-whole-number = Enter a whole number, such as 5
pb-chart-title = Votes and costs: { $unit }
pb-chart-desc = Projects funded: { $funded }. Cost of the funded projects against the budget: { $cost }.
pb-chart-spending = Cost of funded projects
pb-chart-table-hint = The table below gives the same figures.
pb-part-heading = Who took part
pb-part-lead = Groups of fewer than 10 people are not shown, nor any figure from which one could be worked out.
pb-part-by-district = Participation by district
pb-part-by-age = Participation by age on the day voting opened
pb-part-age = Age
pb-part-voters = Voted
pb-part-eligible = Could vote
pb-part-percent = Turnout (%)
pb-part-everyone = Everyone
pb-part-unknown = Not known
pb-part-fewer-than-10 = fewer than 10
pb-part-withheld = not shown
pb-age-under-16 = Under 16
pb-age-65 = 65 and over
pb-age-band = { $band }
pb-vote-not-eligible = You cannot vote in this process.
