## Residents' district and birth date (officials, admins; auditors read only)

nav-residents = Residents
pb-profile-link = District and birth date
pb-profile-list-title = Residents' district and birth date
pb-profile-list-lead = Who may vote in a participatory budget, and the participation figures, depend on the district and birth date recorded here. Find a resident by username, or choose one from the list.
pb-profile-find-username = Username
pb-profile-find = Find
pb-profile-caption = { $total ->
    [one] One resident account
   *[other] { $total } resident accounts
  }, by username
pb-profile-back = All residents
pb-profile-title = District and birth date of { $name }
pb-profile-lead = Who may vote in a participatory budget, and the participation figures, depend on these details.
pb-profile-not-resident = This is not a resident's account (its role: { $role }). Only residents vote; the details may still be recorded.
pb-profile-current = Recorded now
pb-profile-not-recorded = Not recorded
pb-profile-change = Change them
pb-profile-field-birth-date = Birth date
pb-profile-district-hint-known = One of the districts the processes name: { $districts }. Leave it empty if it is not known.
pb-profile-district-hint-any = No process names a district yet, so any name is taken. Leave it empty if it is not known.
pb-profile-birth-date-hint = As YYYY-MM-DD, for example 1990-01-31. Leave it empty if it is not known.
pb-profile-audit-note = Each change is recorded in the audit log with your name.
pb-profile-save = Save
pb-profile-saved = The district and birth date have been saved.
pb-profile-read-only = Auditors see these details but do not change them.
pb-profile-error-district-length = Name the district in at most { $max } characters, or leave it empty.
pb-profile-error-district-control = Remove the invisible control characters from the district.
pb-profile-error-district-unknown = No process names the district “{ $district }”. Choose one of: { $districts }.
pb-profile-error-birth-date-invalid = Enter a real date as YYYY-MM-DD, for example 1990-01-31.
pb-profile-error-birth-date-future = The birth date cannot be in the future.
