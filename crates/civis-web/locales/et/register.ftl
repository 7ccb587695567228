## Elanike register: auditeeritavad toimingud

audit-action-register-imported = Registrifail imporditi
audit-action-register-record-read = Registrikirjet vaadati
audit-action-register-permission-granted = Registri õigus anti
audit-action-register-permission-revoked = Registri õigus võeti ära

## Navigeerimine

nav-register = Register
nav-register-grants = Registri õigused

## Registri leht

register-title = Elanike register
register-counts = Registris on { $records } kirjet, neist { $active } aktiivset.
register-personal-data = Register sisaldab isikuandmeid. Iga avatud kirje jäetakse meelde koos teie nime ja märgitud eesmärgiga.
register-search-heading = Kirje otsimine
register-field-personal-code = Isikukood
register-hint-personal-code = 11 numbrit, näiteks 37605030299.
register-field-purpose = Miks teil on seda kirjet vaja näha?
register-field-purpose-text = Eesmärk oma sõnadega
register-hint-purpose-text = Kohustuslik, kui valite „Muu põhjus“. Kuni 200 märki.
register-search-submit = Näita kirjet
register-not-found = Selle isikukoodiga kirjet ei ole. Otsing jäeti meelde.
register-purpose-enrolment = Elaniku registreerimine (isiku tuvastamine, aktiveerimiskiri)
register-purpose-resident-request = Elanik küsis oma kirje kohta
register-purpose-eligibility = Menetluses osalemise õiguse kontroll
register-purpose-correction = Registri parandamine
register-purpose-other = Muu põhjus
register-purpose-missing = Valige, miks teil on seda kirjet vaja näha.
register-purpose-missing-text = Kirjutage paari sõnaga, miks teil on seda kirjet vaja näha.
register-purpose-bad-text = Eesmärk peab olema lihttekst, kuni 200 märki.
register-purpose-unknown = Valige üks loetletud eesmärkidest.

## Import

register-import-heading = Registrifaili import
register-import-intro = Fail on kogu register selle kehtivuse kuupäeval. Uutest isikukoodidest saavad kirjed; muutunud read lisavad sellest kuupäevast kehtiva versiooni; kui mõni aktiivne kirje failist puudub, import peatub (lisage see olekuga deceased või left). Kui mõnel real on viga, ei impordita midagi.
register-field-effective-date = Kehtivuse kuupäev
register-hint-effective-date = Kuupäev, mille seisu fail kirjeldab, kujul AAAA-KK-PP. Mitte varasem kui viimasel impordil.
register-field-file = Registrifail (CSV)
register-hint-file = UTF-8 CSV veergudega personal_code, given_name, family_name, birth_date, address, district ning soovi korral phone ja status.
register-import-submit = Impordi
register-file-missing = Valige imporditav CSV-fail.
register-file-not-utf8 = Fail ei ole UTF-8 tekst. Salvestage see CSV UTF-8 vormingus ja proovige uuesti.
register-file-problems = { $count ->
    [one] Failis on üks viga; midagi ei imporditud. See on loetletud välja all.
   *[other] Failis on { $count } viga; midagi ei imporditud. Need on loetletud välja all.
}
register-effective-date-invalid = Sisestage kehtivuse kuupäev kujul AAAA-KK-PP, näiteks 2026-11-01.
register-imported = Imporditi register seisuga { $date }: { $records } kirjet, { $created } uut, { $changed } muutunud, { $unchanged } muutmata.
register-report-caption = Vead failis
register-report-line = Rida
register-report-field = Veerg
register-report-reason = Viga
register-imports-caption = Viimased impordid
register-imports-date = Kehtivuse kuupäev
register-imports-records = Kirjeid
register-imports-created = Uusi
register-imports-changed = Muutunud
register-imports-unchanged = Muutmata

## Impordi vead

register-problem-empty = Fail on tühi: vaja on päiserida ja kirjeid.
register-problem-unclosed-quote = Jutumärkides väli jääb sulgemata.
register-problem-after-quote = Sulgevate jutumärkide järel on teksti; välja sees tuleb jutumärgid kahekordistada.
register-problem-missing-column = See kohustuslik veerg puudub päisest.
register-problem-unknown-column = Registris sellist veergu ei ole.
register-problem-repeated-column = See veerg on päises kaks korda.
register-problem-field-count = Real on { $found } välja; päises on { $expected }.
register-problem-required = See väli on tühi.
register-problem-too-long = Pikem kui { $max } märki.
register-problem-control = Sisaldab juhtmärke.
register-problem-code-format = Isikukood on 11 numbrit.
register-problem-code-century = Isikukood algab numbriga 1 kuni 8.
register-problem-code-birth-date = Isikukoodi numbrid 2 kuni 7 ei ole tegelik sünnikuupäev.
register-problem-code-checksum = Isikukoodi kontrollnumber ei klapi: mõni number on valesti.
register-problem-date-format = Ei ole kuupäev kujul AAAA-KK-PP.
register-problem-birth-date-mismatch = Isikukoodi järgi on sünnikuupäev { $date }.
register-problem-status = Olek peab olema active, deceased või left.
register-problem-phone = Telefoninumber on + ja 8 kuni 15 numbrit.
register-problem-duplicate = See isikukood on ka real { $line }.
register-problem-no-records = Failis on päis, kuid kirjeid ei ole.
register-problem-before-last-import = Kehtivuse kuupäev on varasem kui viimasel impordil, { $date }.
register-problem-version-exists = Sellel kirjel on juba samast kuupäevast teistsugune versioon; importige muudatus hilisema kuupäevaga.
register-problem-missing-active = Aktiivne kirje { $code } puudub failist. Selle lõpetamiseks lisage see olekuga deceased või left.

## Kirje

register-purpose-title = Miks teil on seda kirjet vaja näha?
register-purpose-intro = Register sisaldab isikuandmeid. Teie päring jäetakse meelde koos siin märgitud eesmärgiga.
register-purpose-submit = Näita kirjet
register-back = Tagasi registrisse
register-record-title = Registrikirje { $code }
register-read-recorded = See päring jäeti meelde: { $purpose }.
register-versions-caption = Versioonid, uusim eespool
register-version-valid-from = Kehtib alates
register-version-name = Nimi
register-version-birth-date = Sünnikuupäev
register-version-address = Aadress
register-version-district = Linnaosa
register-version-phone = Telefon
register-version-status = Olek
register-record-link = Vaata seda kirjet uuesti muul eesmärgil
register-status-active = Aktiivne
register-status-deceased = Surnud
register-status-left = Lahkus linnast

## Õigused

register-grants-title = Registri õigused
register-grants-intro = Ametnikud näevad ja impordivad registrit ainult õiguse olemasolul. Administraatorid annavad ja võtavad õigusi; iga muudatus kantakse auditilogisse.
register-grants-none = Ühelgi ametnikul ei ole registri õigust.
register-grants-caption = Antud õigused
register-grants-field-username = Ametniku kasutajanimi
register-grants-field-permission = Õigus
register-grants-granted-at = Antud
register-grants-revoke = Võta ära
register-grants-add-heading = Õiguse andmine
register-grants-add = Anna õigus
register-grants-granted = { $username } omab seda õigust.
register-grants-revoked = { $username } ei oma enam seda õigust.
register-grants-unknown-permission = Valige üks loetletud õigustest.
register-grants-unknown-user = Selle kasutajanimega kontot ei ole.
register-grants-not-official = Registri õigused on ainult ametnikele; see konto ei ole ametniku konto.
register-grants-invalid = Kontrollige seda välja.
register-permission-register-read = Registri vaatamine
register-permission-register-import = Registrifailide import
register-permission-enrolment-in-person = Elanike tuvastamine kohapeal ja aktiveerimiskirjade printimine

## Registreerimine: auditeeritavad toimingud

audit-action-enrolment-code-issued = Registreerimiskood väljastati
audit-action-enrolment-linked = Konto seoti registriga
audit-action-enrolment-verified-in-person = Isik tuvastati kohapeal
audit-action-enrolment-code-refused = Registreerimiskood lükati tagasi

## Elaniku identiteedi leht

nav-identity = Identiteet
nav-enrolment = Registreerimine
identity-title = Teie identiteet
identity-level = Selle seansi usaldustase
identity-level-low = Madal
identity-level-substantial = Märkimisväärne
identity-level-high = Kõrge
identity-register-link = Seos elanike registriga
identity-not-linked = Sidumata
identity-proofing-letter = Seotud aktiveerimiskirjaga
identity-proofing-sms = Seotud SMS-koodiga
identity-proofing-in-person = Tuvastatud kohapeal
identity-raise-heading = Mis tõstaks teie taset
identity-raise-link = Siduge oma konto elanike registriga: teie aadressile saadetud aktiveerimiskirja, SMS-koodi või teeninduspunkti kaudu.
identity-raise-factor = Lisage teine tegur (autentimisrakendus või pääsuvõti) ja logige sellega sisse: kahe teguriga seotud konto on märkimisväärsel tasemel.
identity-raise-in-person = Laske oma isikut tõendavat dokumenti teeninduspunktis kontrollida: kõrge tase nõuab kohapealset tuvastamist.
identity-raise-passkey = Logige sisse pääsuvõtmega: kõrge tase nõuab seda.
identity-letter-heading = Mul on aktiveerimiskiri
identity-letter-intro = Kiri saadeti teie registris olevale aadressile. Sisestage oma isikukood ja kirjas olev kood.
identity-field-letter-code = Aktiveerimiskood
identity-hint-letter-code = 12 tähte ja numbrit, näiteks 7KQM-X3PA-DW9C.
identity-letter-submit = Seo minu konto
identity-sms-heading = Saatke mulle kood SMS-iga
identity-sms-intro = Kui registris on teie mobiilinumber, saadame sellele koodi. Kood kehtib 10 minutit.
identity-sms-send = Saada kood
identity-sms-verify = Seo minu konto
identity-field-sms-code = SMS-i kood
identity-in-person-heading = Teeninduspunktis
identity-in-person-intro = Tulge linna teeninduspunkti ID-kaardi, passi või elamisloaga. Ametnik kontrollib dokumenti ja seob teie konto: nii saate kõrgeima taseme.
identity-linked-letter = Teie konto on seotud elanike registriga (aktiveerimiskiri).
identity-linked-sms = Teie konto on seotud elanike registriga (SMS-kood).
identity-sms-sent = Saatsime koodi numbrile { $phone }. Sisestage see allpool.
identity-code-missing = Sisestage kood.
identity-code-wrong = { $left ->
    [0] See kood on vale, aegunud või juba kasutatud. Katseid ei ole enam: proovige tunni aja pärast uuesti.
    [one] See kood on vale, aegunud või juba kasutatud. Teil on jäänud 1 katse.
   *[other] See kood on vale, aegunud või juba kasutatud. Teil on jäänud { $left } katset.
}
identity-too-many-attempts = Liiga palju valesid koode. Teie turvalisuse huvides proovige tunni aja pärast uuesti.
identity-too-many-sms = Saadeti liiga palju SMS-koode. Proovige tunni aja pärast uuesti.
identity-no-phone = Selle isikukoodi jaoks ei saa SMS-i saata: registris ei ole mobiilinumbrit. Kasutage kirja või tulge teeninduspunkti.
identity-record-taken = See registrikirje on juba seotud teise kontoga. Küsige teeninduspunktist.
identity-linked-elsewhere = Teie konto on juba seotud teise registrikirjega. Küsige teeninduspunktist.
identity-sms-failed = SMS-i ei õnnestunud saata. Proovige hiljem uuesti.

## Ametnikud: registreerimine

enrolment-title = Registreerimine
enrolment-in-person-heading = Elaniku tuvastamine kohapeal
enrolment-in-person-intro = Küsige elanikult kasutajanime ja isikut tõendavat dokumenti. Otsitud registrikirje jäetakse meelde kui registreerimiseks loetud.
enrolment-field-username = Elaniku kasutajanimi
enrolment-check-submit = Otsi
enrolment-compare = Võrrelge dokumenti registriga. Siduge konto ainult siis, kui foto vastab inimesele ning nimi ja sünnikuupäev klapivad.
enrolment-field-document = Kontrollitud dokument
enrolment-document-id-card = ID-kaart
enrolment-document-passport = Pass
enrolment-document-residence-permit = Elamisluba
enrolment-document-driving-licence = Juhiluba
enrolment-confirm = Kontrollisin dokumenti: foto vastab inimesele ning nimi ja sünnikuupäev klapivad registriga.
enrolment-verify-submit = Seo konto
enrolment-verified = { $username } on kohapeal tuvastatud ja registriga seotud.
enrolment-unknown-resident = Selle kasutajanimega aktiivset elaniku kontot ei ole.
enrolment-no-record = Selle isikukoodiga aktiivset registrikirjet ei ole.
enrolment-document-missing = Valige kontrollitud dokument.
enrolment-not-confirmed = Kinnitage, et kontrollisite dokumenti.
enrolment-letters-heading = Aktiveerimiskirjade printimine
enrolment-letters-intro = Üks kiri iga aktiivse kirje kohta, millega pole veel kontot seotud (korraga kuni 500), igaühes uus kood, mis asendab varasemad. Saate PDF-i printimiseks ja postitamiseks.
enrolment-field-district = Linnaosa
enrolment-hint-district = Jätke tühjaks kõigi linnaosade jaoks.
enrolment-letters-submit = Prindi kirjad (PDF)

## Aktiveerimiskiri

letter-heading = Teie civise aktiveerimiskood
letter-dear = Lugupeetud { $name }
letter-go-to = oma civise konto sidumiseks elanike registriga logige sisse aadressil { $url }
letter-enter = ning sisestage oma isikukood ja see aktiveerimiskood:
letter-expires = Kood kehtib ühe korra, kuni { $date }.
letter-ignore = Kui te ei soovi civist kasutada, võite selle kirja tähelepanuta jätta.

identity-released-heading = Teenustele antud registriandmed
identity-released-none = Ükski teenus pole sinu registriandmeid saanud.
identity-released-caption = { $count ->
    [one] Ainus kord, kui teenus sai sinu registriandmed
   *[other] Viimased { $count } korda, kui teenused said sinu registriandmed, uuemad eespool
}
identity-released-service = Teenus
identity-released-what = Mida anti
identity-released-when = Millal
identity-released-profile = nimi ja sünniaeg
identity-released-address = aadress
