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
audit-action-proposal-reviewed = Ettepanek läbi vaadatud
audit-action-proposal-moderated = Ettepanek peidetud või taas näidatud
audit-action-ballot-paper-entered = Paberhääletussedel sisestatud
audit-action-implementation-updated = Elluviimise aruanne lisatud
audit-action-resident-profile-changed = Elaniku linnaosa või sünnikuupäev muudetud

## Vealehed

error-go-home = Mine avalehele
error-not-found-title = Lehte ei leitud
error-not-found-text = Sellel aadressil ei ole midagi. Kui sisestasid selle ise, kontrolli, kas see on õige.
error-forbidden-title = Pole lubatud
error-forbidden-text = Sinu roll ei luba seda näha ega teha. Kui arvad, et peaks, küsi administraatorilt.
error-passkey-title = Vaja on pääsuvõtit
error-passkey-text = Sinu roll nõuab pääsuvõtit, kuid see seanss ei alanud pääsuvõtmega. Kuni sa pole pääsuvõtmega sisse loginud, saad civist kasutada ainult nagu elanik. Lisa sisselogimisviiside lehel pääsuvõti, kui sul seda pole, siis logi välja ja logi sellega sisse (või kinnita sellega lisakinnituse lehel).
error-passkey-action = Ava oma sisselogimisviisid
error-reauth-title = Kinnita, et see oled sina
error-reauth-text = Sisselogimisviisi eemaldamiseks peab olema hiljuti sisse logitud. Kinnita autentimisrakenduse või pääsuvõtmega, et see oled sina, ja proovi uuesti.
error-reauth-action = Kinnita, et see oled sina
error-last-passkey-title = See on sinu viimane pääsuvõti
error-last-passkey-text = Sinu roll nõuab pääsuvõtit. Lisa enne selle eemaldamist uus pääsuvõti.
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

## Kaasav eelarve

nav-budgets = Kaasavad eelarved
pb-list-title = Kaasavad eelarved
pb-list-lead = Elanikud esitavad projekte ja kõik hääleõiguslikud otsustavad, milliseid neist rahastatakse osast valla eelarvest.
pb-list-empty = Kaasavaid eelarveid veel ei ole.
pb-list-budget = Eelarve: { $amount }
pb-create-link = Loo protsess
pb-back-to-list = Kõik kaasavad eelarved
pb-back-to-process = Tagasi: { $title }

pb-phase-upcoming = Veel avamata
pb-phase-proposals = Ettepanekud
pb-phase-support = Toetamine
pb-phase-review = Teostatavuse hindamine
pb-phase-voting = Hääletus
pb-phase-counting = Häälte lugemine
pb-phase-results = Tulemused
pb-phase-implementation = Elluviimine
pb-phase-now = Praegu: { $phase }
pb-phase-current = (praegu)
pb-phase-starts = alates { $date }
pb-phase-results-when = kui tulemused avaldatakse
pb-timeline = Ajakava

pb-rules-heading = Eelarve ja reeglid
pb-rules-budget = Eelarve
pb-rules-budget-total = { $amount } kogu linnale
pb-rules-budget-district = Linnaosa { $name } eelarve
pb-rules-budget-category = Kategooria { $name } eelarve
pb-rules-who = Kes saab hääletada
pb-rules-who-city = Kõik linna elanikud.
pb-rules-who-district = Linnaosa { $district } elanikud.
pb-rules-who-age = Hääletaja peab hääletuse avamise päeval olema vähemalt { $age }-aastane.
pb-rules-ballot = Kuidas hääletada
pb-rules-outcome = Kuidas võitjad valitakse
pb-rules-ties = Viik
pb-ballot-approval = Vali { $min } kuni { $max } projekti, mida toetad.
pb-ballot-knapsack = Vali projektid, mida soovid, kui nende kogumaksumus jääb eelarve piiresse.
pb-ballot-knapsack-limit = Vali projektid, mida soovid, kui nende kogumaksumus ei ületa summat { $limit }.
pb-ballot-cumulative = Jaga kuni { $points } punkti projektide vahel, mida toetad.
pb-ballot-cumulative-max = Jaga kuni { $points } punkti projektide vahel, mida toetad, ühele projektile kõige rohkem { $max }.
pb-ballot-ranked = Järjesta kuni { $k } projekti, lemmik esimesena.
pb-outcome-greedy = Kõige rohkem hääli saanud projekte rahastatakse üksteise järel; projekt, mis järelejäänud rahasse ei mahu, jäetakse vahele.
pb-outcome-mes = Võrdsete osade meetod: iga hääletaja käsutab võrdset osa eelarvest ja projekt saab rahastuse, kui selle toetajad suudavad selle koos kinni maksta.
pb-outcome-mes-none = Üle jäänud raha ei kasutata.
pb-outcome-mes-add1 = Üle jäänud raha kasutatakse seejärel, suurendades samm-sammult iga hääletaja osa, ja lõpuks enim hääli saanud projektidele, mis veel mahuvad.
pb-outcome-mes-add1u = Üle jäänud raha kasutatakse seejärel, suurendades samm-sammult iga hääletaja osa, nagu soovitab equalshares.net.
pb-tie-lexico = Võrdse toetusega projektidest läheb ette väiksema numbriga projekt.
pb-tie-cost-votes = Võrdse toetusega projektidest läheb ette odavam, seejärel rohkem hääli saanu.
pb-tie-file = Võrdse toetusega projektidest läheb ette varem esitatud projekt.
pb-digest-heading = Külmutatud reeglite sõrmejälg
pb-digest-lead = Reegleid ei saa pärast hääletuse avamist muuta. Selle reeglite sõrmejäljega (SHA-256) saab igaüks kontrollida, et neid ei muudetud.
pb-ballot-count = { $count ->
    [0] Ühtegi häält pole veel antud.
    [one] Seni on antud üks hääl.
   *[other] Seni on antud { $count } häält.
  }
pb-voting-closes = Hääletus lõpeb { $close }.

pb-unit-citywide = Kogu linn
pb-unit-district = Linnaosa: { $name }
pb-unit-category = Kategooria: { $name }
pb-unit-budget = Eelarve: { $amount }

pb-proposals-heading = Ettepanekud
pb-proposals-empty = Ettepanekuid veel ei ole.
pb-proposals-caption = { $count ->
    [one] Üks ettepanek
   *[other] { $count } ettepanekut
  }
pb-col-proposal = Ettepanek
pb-col-project = Projekt
pb-col-cost = Maksumus
pb-col-status = Olek
pb-col-supports = Toetajaid
pb-col-outcome = Tulemus
pb-col-implementation = Elluviimine
pb-in-district = Linnaosa: { $name }
pb-in-category = Kategooria: { $name }
pb-review-pending = Ootab hindamist
pb-review-accepted = Heaks kiidetud: hääletusel
pb-review-rejected = Pole teostatav: { $reason }
pb-review-merged = Liidetud ettepanekuga { $into }
pb-hidden-because = Moderaatorid peitsid: { $reason }
pb-estimate-was = Autori hinnang oli { $amount }.
pb-cost-is = Maksumus: { $amount }
pb-field-district = Linnaosa
pb-field-category = Kategooria
pb-field-location = Asukoht
pb-you-support = Sa toetad seda ettepanekut.
pb-support-submit = Toeta seda ettepanekut
pb-proposal-edit-link = Muuda oma ettepanekut
pb-officials-heading = Ametnikele
pb-review-link = Hinda teostatavust
pb-moderate-link = Modereeri
pb-impl-link = Anna elluviimisest aru
pb-impl-heading = Elluviimine
pb-impl-planned = Kavas
pb-impl-in-progress = Töös
pb-impl-done = Valmis
pb-impl-cancelled = Tühistatud
pb-impl-progress = { $percent } % tehtud
pb-impl-none = Aruandeid veel pole

pb-vote-link = Hääleta
pb-propose-link = Esita ettepanek
pb-results-link = Vaata tulemusi
pb-edit-link = Muuda protsessi
pb-paper-link = Sisesta paberhääl
pb-publish-lead = Hääletus on lõppenud. Avaldamisel arvutatakse tulemus külmutatud reeglitega ja tehakse avalikuks; seda ei saa tagasi võtta.
pb-publish-submit = Arvuta ja avalda tulemused

pb-vote-title = Hääletus: { $title }
pb-vote-until = Saad oma häält muuta kuni { $close }. Arvesse läheb ainult viimane hääl.
pb-vote-not-yet = Hääletus pole veel alanud. See algab { $open }.
pb-vote-over = Hääletus on lõppenud.
pb-vote-sign-in = Hääletamiseks logi sisse.
pb-vote-problems = Sinu häält ei salvestatud
pb-vote-submit = Anna oma hääl
pb-vote-cast-notice = Sinu hääl on salvestatud.
pb-ballot-current = Arvesse läheb sinu hääl ajast { $when } (versioon { $revision }).
pb-ballot-current-paper = Arvesse läheb sinu paberhääl, sisestatud { $when } (versioon { $revision }).
pb-paper-for = Paberhääl: { $name }
pb-paper-submit = Salvesta paberhääl
pb-rank-legend = Sinu järjestus
pb-rank-n = { $rank }. valik
pb-rank-none = (projekti pole)
pb-meter-used = Seni valitud
pb-meter-left = Alles
pb-meter-over = Sinu valik maksab rohkem kui see eelarve. Eemalda mõni projekt.
pb-meter-update = Uuenda summat
pb-error-points-number = Sisesta punktide arv täisarvuna, näiteks 3

pb-results-title = Tulemused: { $title }
pb-results-lead = Loeti { $ballots } häält. Arvutatud { $when }.
pb-results-spent = Rahastatud projektid maksavad { $spent } summast { $budget }.
pb-results-caption = Üksuse { $unit } projektid, rahastatud eespool
pb-funded = Rahastatud
pb-not-funded = Ei rahastatud
pb-results-digest-lead = Tulemus arvutati selle sõrmejäljega reeglitega, samadega, mis näidati hääletuse avamisel.
pb-open-data = Avaandmed
pb-export-pabulib = Hääled ja projektid Pabulibi failina (.pb)
pb-export-csv = Projektid ja tulemus CSV-na
pb-export-json = Kõik JSON-ina
pb-col-votes = Hääli
pb-col-score = Punktid
pb-results-voters = { $count ->
    [one] Üks hääletaja valis siit projekte.
   *[other] { $count } hääletajat valisid siit projekte.
  }
pb-why-heading = Miks iga projekt rahastati või jäi rahastamata
pb-why-funded = Miks projekt „{ $title }” rahastati?
pb-why-not-funded = Miks projekt „{ $title }” jäi rahastamata?
pb-paper-title = Sisesta paberhääl
pb-paper-lead = Elanikule, kes ei saa veebis hääletada. Paberhääl asendab elaniku varasema hääle, olgu veebis või paberil, ja sisestamine kantakse auditilogisse.
pb-paper-resident = Elaniku kasutajanimi
pb-paper-resident-hint = Nagu elaniku kontol, näiteks resident001.
pb-paper-find = Jätka
pb-paper-entered = Elaniku { $name } paberhääl on salvestatud.
pb-proposal-new-title = Esita ettepanek
pb-proposal-edit-title = Muuda oma ettepanekut
pb-proposal-submit = Esita ettepanek
pb-proposal-save = Salvesta muudatused
pb-proposal-saved = Sinu ettepanek on salvestatud.
pb-supported-notice = Aitäh, sinu toetus on salvestatud.
pb-field-title = Pealkiri
pb-field-description = Kirjeldus
pb-field-cost = Hinnanguline maksumus
pb-hint-description = Mida teha, kus ja miks see aitab.
pb-hint-cost = Täisarv, näiteks 25000. Ametnikud kontrollivad seda hindamisel.
pb-hint-optional = Valikuline.
pb-error-cost-empty = Sisesta hinnanguline maksumus
pb-error-cost-number = Sisesta maksumus täisarvuna, näiteks 25000
pb-official-about = Ettepanek: { $title }
pb-official-save = Salvesta
pb-decision = Otsus
pb-decision-accept = Kiida heaks: teostatav, läheb hääletusele ametliku maksumusega
pb-decision-reject = Lükka tagasi: pole teostatav, avaliku põhjendusega
pb-decision-merge = Liida: teise ettepaneku kordus
pb-moderation-hide = Peida, koos põhjusega
pb-moderation-show = Näita uuesti
pb-field-official-cost = Ametlik maksumus (heakskiitmisel)
pb-hint-official-cost = Täisarv, näiteks 25000.
pb-field-public-reason = Avalik põhjendus (tagasilükkamisel)
pb-hint-public-reason = Näidatakse kõigile: selgita lihtsate sõnadega, miks seda teha ei saa.
pb-field-merge-into = Ettepaneku number, mida see kordab (liitmisel)
pb-hint-merge-into = Number selle ettepaneku aadressi lõpus, näiteks 12.
pb-field-hide-reason = Peitmise põhjus
pb-hint-hide-reason = Kantakse auditilogisse ja on ametnikele nähtav.
pb-field-progress = Edenemine protsentides
pb-hint-progress = Täisarv 0 kuni 100.
pb-field-note = Mis juhtus
pb-error-choose = Vali üks võimalustest
pb-error-progress = Sisesta täisarv 0 kuni 100
pb-error-proposal-number = Sisesta ettepaneku number, näiteks 12
pb-back-to-results = Tagasi: { $title } tulemused
pb-see-proposal = Ettepanek „{ $title }”
pb-form-lead = Kõike saab muuta kuni hääletuse avamiseni. Sealt edasi on reeglid külmutatud ning iga varasem muudatus on kantud auditilogisse.
pb-form-texts = Pealkiri ja kirjeldus igas keeles
pb-form-ballot-rule = Hääletussedel ja tulemuse reegel
pb-form-params-hint = Täida valitud hääletusvormi arvud; ülejäänuid ei arvestata.
pb-form-save = Salvesta protsess
pb-process-saved = Protsess on salvestatud.
pb-edit-frozen = Hääletus on alanud, seega on selle protsessi reeglid külmutatud ja neid ei saa enam muuta. Külmutatud reeglite sõrmejälg: { $digest }
pb-field-title-en = Pealkiri inglise keeles
pb-field-title-es = Pealkiri hispaania keeles
pb-field-title-et = Pealkiri eesti keeles
pb-field-description-en = Kirjeldus inglise keeles
pb-field-description-es = Kirjeldus hispaania keeles
pb-field-description-et = Kirjeldus eesti keeles
pb-field-budget-total = Kogu linna eelarve
pb-field-budget-districts = Linnaosade eelarved
pb-field-budget-categories = Kategooriate eelarved
pb-hint-budget-lines = Üks real, nimi ja summa: Põhja = 50000
pb-field-proposals-open = Ettepanekute esitamine algab
pb-field-support-open = Toetamine algab (ettepanekute esitamine lõpeb)
pb-field-review-open = Teostatavuse hindamine algab (toetamine lõpeb)
pb-field-voting-open = Hääletus algab (reeglid külmutatakse)
pb-field-voting-close = Hääletus lõpeb
pb-field-implementation-open = Elluviimisest aruandmine algab
pb-hint-datetime = Kuupäev ja kellaaeg UTC järgi, näiteks 2026-11-26T19:40
pb-field-eligible-district = Hääletada saavad ainult selle linnaosa elanikud
pb-field-min-age = Vanuse alampiir hääletuse avamise päeval
pb-field-ballot-type = Hääletusvorm
pb-format-approval = Heakskiit: vali projekte miinimumi ja maksimumi vahel
pb-format-knapsack = Seljakott: vali projektid eelarve piires
pb-format-cumulative = Kumulatiivne: jaga punkte projektide vahel
pb-format-ranked = Järjestus: järjesta lemmikprojektid
pb-rule-greedy = Ahne: enim hääli esimesena, kuni raha jätkub
pb-rule-mes = Võrdsete osade meetod, täiendamata
pb-rule-mes-add1 = Võrdsete osade meetod, täiendatud nagu pabutoolsis
pb-rule-mes-add1u = Võrdsete osade meetod, täiendatud nagu soovitab equalshares.net
pb-field-ballot-min = Heakskiit: vähim projektide arv
pb-field-ballot-max = Heakskiit: suurim projektide arv
pb-field-ballot-limit = Seljakott: ühe sedeli kulupiir (tühi: iga eelarve)
pb-field-ballot-points = Kumulatiivne: punkte hääletaja kohta
pb-field-ballot-max-per-project = Kumulatiivne: suurim punktide arv ühele projektile
pb-field-ballot-k = Järjestus: pikim järjestus
pb-error-datetime = Sisesta kuupäev ja kellaaeg, näiteks 2026-11-26T19:40
pb-error-budget-lines = Kirjuta üks eelarve real: nimi, „=” ja täisarv, näiteks Põhja = 50000
pb-error-whole-number = Sisesta täisarv, näiteks 5
pb-chart-title = Hääled ja maksumused: { $unit }
pb-chart-desc = Rahastatud projekte: { $funded }. Rahastatud projektide maksumus eelarve suhtes: { $cost }.
pb-chart-spending = Rahastatud projektide maksumus
pb-chart-table-hint = Allolev tabel annab samad arvud.
pb-part-heading = Kes osales
pb-part-lead = Alla 10 inimesega rühmi ei näidata, ega ühtki arvu, millest neid saaks tuletada.
pb-part-by-district = Osalus linnaosade kaupa
pb-part-by-age = Osalus vanuse järgi hääletuse avamise päeval
pb-part-age = Vanus
pb-part-voters = Hääletas
pb-part-eligible = Võis hääletada
pb-part-percent = Osalus (%)
pb-part-everyone = Kõik
pb-part-unknown = Teadmata
pb-part-fewer-than-10 = alla 10
pb-part-withheld = ei näidata
pb-age-under-16 = Alla 16
pb-age-65 = 65 ja vanemad
pb-age-band = { $band }
pb-vote-not-eligible = Sa ei saa selles protsessis hääletada.
