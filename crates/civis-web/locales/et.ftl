# civise veebiliides — eesti keel.
# Iga en.ftl sõnum peab olema ka siin (seda kontrollib test).

## Lehe raam

skip-to-content = Mine põhisisu juurde
nav-main = Peamenüü
nav-language = Keel
nav-home = Avaleht
nav-account = Sinu konto
nav-users = Kasutajad
nav-audit = Auditilogi
nav-sign-in = Logi sisse
nav-sign-up = Loo konto
sign-out = Logi välja
footer-about = civis on sinu omavalitsuse avatud lähtekoodiga digitaalne avalik taristu.
title-error-prefix = Viga:

## Rollid

role-resident = Elanik
role-official = Ametnik
role-admin = Administraator
role-auditor = Audiitor
role-resident-explained = Elanikuna saad osaleda oma omavalitsuse protsessides ja hallata oma andmeid.
role-official-explained = Ametnikuna juhid protsesse, näiteks kaasavat eelarvet, ja saad lugeda kõiki andmeid.
role-admin-explained = Administraatorina haldad kontosid, rolle ja seadeid.
role-auditor-explained = Audiitorina saad lugeda kõike, ka auditilogi, kuid ei saa midagi muuta.

## Avaleht

home-title = Tere tulemast
home-heading = civis: sinu sõna sinu omavalitsuses
home-lead = civis on koht, kus elanikud ja omavalitsus otsustavad koos: kuidas kasutada osa eelarvest, millised ettepanekud ellu viia ja kes tohib sinu andmeid kasutada.
home-welcome = Tere tulemast tagasi, { $name }.
home-what-heading = Mida saad siin teha
home-what-budget = Esitada projekte ja valida, milliseid kaasava eelarve raames rahastatakse.
home-what-vote = Hääletada kontrollitavalt: sinu hääl loetakse nii, nagu sa selle andsid, ja igaüks saab tulemusi kontrollida.
home-what-data = Näha, milliseid andmeid omavalitsus sinu kohta hoiab ja kes on neid kasutanud.
home-trust-heading = Avatud ja aruandekohustuslik
home-trust-text = civis on avatud lähtekoodiga. Iga töötajate tehtud muudatus salvestatakse auditilogisse, mida sõltumatud audiitorid saavad lugeda.
home-start-heading = Alusta
home-start-sign-up = Loo konto
home-start-sign-in = Logi sisse, kui sul on juba konto

## Vormid

form-error-summary = Esines probleem
field-username = Kasutajanimi
field-display-name = Kuvatav nimi
field-password = Parool
field-password-confirm = Korda parooli
field-role = Roll
hint-username = 3 kuni 32 märki: väiketähed a kuni z, numbrid, punktid, sidekriipsud ja alakriipsud.
hint-display-name = Nimi, mida teised näevad, kuni 64 märki.
hint-password = Vähemalt 12 märki. Mõni omavahel seostamata sõna on hea parool.

error-username-missing = Sisesta oma kasutajanimi
error-username-empty = Vali kasutajanimi
error-username-too-short = Kasutajanimes peab olema vähemalt { $min } märki
error-username-too-long = Kasutajanimes võib olla kõige rohkem { $max } märki
error-username-invalid-char = Kasutajanimes ei tohi olla märki „{ $found }“ ({ $position }. märk): kasuta väiketähti a kuni z, numbreid, punkte, sidekriipse ja alakriipse
error-username-taken = See kasutajanimi on juba kasutusel: vali mõni teine
error-password-missing = Sisesta oma parool
error-password-empty = Vali parool
error-password-too-short = Paroolis peab olema vähemalt { $min } märki
error-password-too-long = Paroolis võib olla kõige rohkem { $max } märki
error-password-mismatch = Paroolid ei ühti
error-display-name-empty = Sisesta kuvatav nimi
error-display-name-too-long = Kuvatavas nimes võib olla kõige rohkem { $max } märki
error-display-name-control = Kuvatavas nimes ei tohi olla reavahetusi ega muid juhtmärke
error-role-invalid = Vali üks loetletud rollidest
error-role-own = Oma rolli ei saa ise muuta: palu seda teiselt administraatorilt

## Sisselogimine ja konto loomine

sign-in-title = Logi sisse
sign-in-submit = Logi sisse
sign-in-no-account = Kontot veel pole?
sign-in-failed = Kasutajanimi või parool on vale
sign-in-throttled = Liiga palju ebaõnnestunud katseid. Proovi uuesti { $minutes ->
    [one] ühe minuti
   *[other] { $minutes } minuti
  } pärast.
sign-up-title = Loo konto
sign-up-lead = Kontoga saad osaleda oma omavalitsuse protsessides. Vaja on ainult kasutajanime ja parooli.
sign-up-submit = Loo konto
sign-up-have-account = Kas sul on juba konto?

## Konto

account-title = Sinu konto
account-profile-heading = Profiil
account-member-since = Liige alates
account-sessions-heading = Kus oled sisse logitud
account-sessions-lead = Need on sinu aktiivsed seansid. Väljalogimine lõpetab selle seadme seansi.
account-sessions-caption = { $count ->
    [one] Üks aktiivne seanss
   *[other] { $count } aktiivset seanssi
  }
session-started = Sisse logitud
session-last-seen = Viimati aktiivne
session-expires = Aegub
session-this-one = see seade

## Kasutajad (administraatorid)

users-title = Kasutajad
users-caption = { $total ->
    [one] Üks konto
   *[other] { $total } kontot
  }, kasutajanime järgi
users-account = Konto
users-created-on = Loodud { $date }
users-role-of = Kasutaja { $name } roll
users-change-role = Muuda rolli
users-create-heading = Loo konto
users-create-submit = Loo konto
users-created-notice = Konto { $name } on loodud.
users-role-changed-notice = Kasutaja { $name } roll on nüüd: { $role }.
hint-initial-password = Anna see inimesele turvaliselt; ta saab seda hiljem muuta. Vähemalt 12 märki.

## Lehekülgedeks jagamine

pager-label = Leheküljed
pager-previous = Eelmine lehekülg
pager-next = Järgmine lehekülg
pager-status = Lehekülg { $page }/{ $pages }

## Auditilogi

audit-title = Auditilogi
audit-lead = Kõik kontode, rollide, seadete ja protsesside muudatused, uusimad eespool. Logi ei saa muuta.
audit-filters = Sündmuste filtreerimine
audit-actor = Tegija (kasutajanimi)
audit-action = Tegevus
audit-any-action = Iga tegevus
audit-from = Alates kuupäevast
audit-to = Kuni kuupäevani (kaasa arvatud)
hint-date = Näiteks 2026-11-26
audit-apply = Rakenda filtrid
audit-clear = Eemalda filtrid
audit-when = Millal (UTC)
audit-target = Objekt
audit-change = Muudatus
audit-caption = { $total ->
    [0] Sobivaid sündmusi pole
    [one] Üks sobiv sündmus
   *[other] { $total } sobivat sündmust
  }
audit-system = süsteem
audit-unknown-user = konto { $id }
error-action-invalid = Vali üks loetletud tegevustest
error-date-invalid = Sisesta päris kuupäev kujul AAAA-KK-PP, näiteks 2026-11-26
error-date-order = Lõppkuupäev peab olema alguskuupäevaga sama või hilisem
error-actor-unknown = Kasutajanimega „{ $name }“ kontot pole

audit-action-user-created = Konto loodud
audit-action-user-profile-changed = Profiil muudetud
audit-action-user-password-changed = Parool muudetud
audit-action-user-role-changed = Roll muudetud
audit-action-user-disabled = Konto keelatud
audit-action-user-enabled = Konto lubatud
audit-action-sign-in-failed-lockout = Sisselogimine blokeeritud ebaõnnestunud katsete tõttu
audit-action-session-revoked-all = Kõik seansid lõpetatud
audit-action-settings-changed = Seaded muudetud
audit-action-process-created = Protsess loodud
audit-action-process-changed = Protsess muudetud
audit-action-process-results-published = Tulemused avaldatud
audit-action-data-exported = Andmed eksporditud

## Vealehed

error-go-home = Mine avalehele
error-not-found-title = Lehte ei leitud
error-not-found-text = Sellel aadressil ei ole midagi. Kui sisestasid selle ise, kontrolli, kas see on õige.
error-forbidden-title = Pole lubatud
error-forbidden-text = Sinu roll ei luba seda näha ega teha. Kui arvad, et peaks, küsi administraatorilt.
error-csrf-text = See vorm oli aegunud või ei pärinenud sellelt saidilt. Mine tagasi, laadi leht uuesti ja proovi veel kord.
error-unauthorized-title = Vaja on sisse logida
error-unauthorized-text = Selleks pead sisse logima.
error-method-title = Siin pole see võimalik
error-method-text = See aadress ei toeta sellist päringut.
error-bad-request-title = Päringus on viga
error-bad-request-text = Päringust ei saadud aru. Mine tagasi ja proovi uuesti.
error-too-large-title = Liiga palju andmeid
error-too-large-text = Saadetud andmed on suuremad, kui see sait vastu võtab.
error-too-many-title = Liiga palju katseid
error-too-many-text = Oota veidi ja proovi uuesti.
error-unavailable-title = Ajutiselt kättesaamatu
error-unavailable-text = Teenus ei saa praegu vastata. Proovi mõne minuti pärast uuesti.
error-internal-title = Midagi läks valesti
error-internal-text = Probleem on meie poolel. See pole sinu süü ja see on logitud.
error-reference = Kui võtad ühendust kasutajatoega, märgi see viide: { $reference }
