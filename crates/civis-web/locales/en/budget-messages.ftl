
## Participatory budgeting: what the budget service and the PB engine say
## (ballot problems, eligibility, phase refusals, process settings problems,
## why a project was or was not funded). Each message belongs to a stable code.

## Ballot problems

pbm-shape-approval = choose projects
pbm-shape-points = give points to projects
pbm-shape-ranking = rank projects in order
pbm-unit-citywide = the citywide budget
pbm-unit-district = { $name }
pbm-unit-category = the { $name } category
pbm-ballot-wrong-shape = This ballot tries to { $got }, but in this process you { $expected }.
pbm-ballot-unknown-project = There is no project number { $project } in this process: remove it.
pbm-ballot-not-on-ballot = “{ $title }” (project { $project }) is not on the ballot: remove it.
pbm-ballot-duplicate = You listed “{ $title }” (project { $project }) more than once: list it only once.
pbm-ballot-duplicate-unknown = You listed project { $project } more than once: list it only once.
pbm-ballot-too-few = You chose { $chosen ->
    [one] 1 project
   *[other] { $chosen } projects
  }, but you must choose at least { $min }: choose { $more } more.
pbm-ballot-too-many = You chose { $chosen ->
    [one] 1 project
   *[other] { $chosen } projects
  }, but you may choose at most { $max }: remove { $remove ->
    [one] 1 project
   *[other] { $remove } projects
  }.
pbm-ballot-over-budget = You chose projects costing { $cost } in { $unit }, but its budget is { $limit }: remove { $excess } worth of projects.
pbm-ballot-too-many-points = You gave { $used ->
    [one] 1 point
   *[other] { $used } points
  }, but you have only { $points ->
    [one] 1 point
   *[other] { $points } points
  }: take away { $remove ->
    [one] 1 point
   *[other] { $remove } points
  }.
pbm-ballot-too-many-points-for-project = You gave “{ $title }” (project { $project }) { $points ->
    [one] 1 point
   *[other] { $points } points
  }, but one project may get at most { $max ->
    [one] 1 point
   *[other] { $max } points
  }: take away { $remove ->
    [one] 1 point
   *[other] { $remove } points
  }.
pbm-ballot-zero-points = You gave “{ $title }” (project { $project }) no points: give it at least 1 point or leave it out.
pbm-ballot-ranking-too-long = You ranked { $ranked ->
    [one] 1 project
   *[other] { $ranked } projects
  }, but you may rank at most { $k }: remove { $remove ->
    [one] 1 project
   *[other] { $remove } projects
  }.

## Who may take part

pbm-eligible-inactive = Your account is disabled.
pbm-eligible-not-resident = Only residents vote; your account is { $role ->
    [official] an official
    [admin] an admin
    [auditor] an auditor
   *[other] a { $role }
  } account.
pbm-eligible-missing-district = Only residents of { $required } may vote, and we do not know your district: ask the city to record it.
pbm-eligible-wrong-district = Only residents of { $required } may vote, and you live in { $actual }.
pbm-eligible-missing-birth-date = Only residents aged { $min_age } or more may vote, and we do not know your birth date: ask the city to record it.
pbm-eligible-invalid-birth-date = Your recorded birth date “{ $value }” is not a valid date: ask the city to correct it.
pbm-eligible-too-young = Only residents aged { $min_age } or more on the day voting opens may vote, and you are { $age } then.
pbm-eligible-paper-not-resident = Paper ballots are entered for active residents only.

## Phase refusals

pbm-action-submit-proposal = Submitting a proposal
pbm-action-edit-proposal = Editing a proposal
pbm-action-support-proposal = Supporting a proposal
pbm-action-review-proposal = Reviewing a proposal
pbm-action-publish-results = Publishing results
pbm-action-report-implementation = Reporting on implementation
pbm-phase-upcoming = upcoming
pbm-phase-proposals = proposals
pbm-phase-support = support
pbm-phase-review = review
pbm-phase-voting = voting
pbm-phase-counting = counting
pbm-phase-results = results
pbm-phase-implementation = implementation
pbm-or = or
pbm-phase-not-in-phase = { $action } is possible only in the { $allowed } phase; this process is in the { $phase } phase.
pbm-phase-voting-not-open = Voting has not opened yet.
pbm-phase-voting-closed = Voting has closed.
pbm-phase-ballot-frozen = Voting has opened: the projects on the ballot can no longer be hidden or shown.
pbm-error-wrong-phase-title = Not possible in this phase
pbm-error-not-eligible-title = You may not take part

## Problems of a process's settings (shown next to their field)

pbm-settings-missing-text = { $text ->
    [title] Give the title
   *[other] Give the description
  } in this language ({ $lang }).
pbm-settings-unsupported-language = Only the languages en, es and et are supported.
pbm-settings-too-long = At most { $max } characters.
pbm-settings-control-characters = Remove the invisible control characters from this text.
pbm-settings-phase-order = “{ $field }” must not be before “{ $previous }”.
pbm-settings-total-budget = The citywide budget must be more than 0.
pbm-settings-budget-name-empty = A name is empty.
pbm-settings-budget-not-positive = The budget of { $name } must be more than 0.
pbm-settings-eligible-district-empty = Name the district, or leave it out.
pbm-settings-min-age-too-high = At most { $max }.
pbm-settings-at-least-one = At least 1.
pbm-settings-min-above-max = Must not be more than the most projects.
pbm-settings-positive-or-empty = More than 0, or leave it out.
pbm-settings-at-least-one-or-empty = At least 1, or leave it out.

## Why a project was or was not funded

pbm-why-funded-mes = “{ $title }” was funded in round { $round } of the Method of Equal Shares: { $full } of its { $supporters } supporters paid { $price } each.
pbm-why-funded-mes-partial = “{ $title }” was funded in round { $round } of the Method of Equal Shares: { $full } of its { $supporters } supporters paid { $price } each and { $partial } paid all they had left.
pbm-why-funded-completion = “{ $title }” was funded with the budget the Method of Equal Shares left unspent (step { $round } of the completion): it still fit.
pbm-why-funded-free = “{ $title }” costs nothing and was funded first.
pbm-why-funded-greedy = “{ $title }” was funded: it came { $place } in the order of support, and its cost { $cost } fit in the { $left } still left.
pbm-why-funded-greedy-step = “{ $title }” was funded in step { $round } of greedy.
pbm-why-not-funded-greedy = “{ $title }” was not funded: it came { $place } in the order of support, and when its turn came only { $left } was left, less than its cost { $cost }.
pbm-why-not-funded-no-room = “{ $title }” was not funded: its supporters still had enough money to pay { $price } each (an effective support of { $votes } voters), but it no longer fit in the budget.
pbm-why-not-funded-short = “{ $title }” was not funded: at the end its { $supporters } supporters had { $money } left between them, { $short } short of its cost { $cost }.
pbm-why-not-funded-short-some = “{ $title }” was not funded: at the end its { $supporters } supporters had { $money } left between them (only { $with_money } of them had any money left), { $short } short of its cost { $cost }.
pbm-why-not-funded = “{ $title }” was not funded.
pbm-why-would-be-funded-at = It would have been funded had it cost at most { $max } ({ $by } less).
pbm-why-no-lower-cost = No lower cost would have got it funded.
pbm-why-more-supporters = With { $n ->
    [one] 1 more supporter
   *[other] { $n } more supporters
  } it would have been funded.

## Problems of one field of a proposal, review, moderation or implementation report

pbm-field-missing-text = Fill this in.
pbm-field-too-long = At most { $max } characters.
pbm-field-control-characters = Remove the invisible control characters from this text.
pbm-field-cost-not-positive = The cost must be more than 0.
pbm-field-choose-review = Choose accepted, rejected or merged.
pbm-field-rejection-reason-missing = Give the public reason.
pbm-field-hiding-reason-missing = Give the reason for hiding it.
pbm-field-merge-into-itself = A proposal cannot be merged into itself.
pbm-field-merge-into-merged = Proposal { $into } is itself merged into another; merge into that one.
pbm-field-merge-into-unknown = There is no proposal { $into } in this process.
pbm-field-not-funded = This project was not funded.
pbm-field-progress-range = Progress is a percentage, 0 to 100.
