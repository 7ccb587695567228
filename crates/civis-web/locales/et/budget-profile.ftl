## Elanike linnaosa ja sünniaeg (ametnikud, administraatorid; audiitorid ainult loevad)

nav-residents = Elanikud
pb-profile-link = Linnaosa ja sünniaeg
pb-profile-list-title = Elanike linnaosa ja sünniaeg
pb-profile-list-lead = See, kes tohib kaasavas eelarves hääletada, ja osalusnäitajad sõltuvad siia kirja pandud linnaosast ja sünniajast. Leia elanik kasutajanime järgi või vali ta loendist.
pb-profile-find-username = Kasutajanimi
pb-profile-find = Otsi
pb-profile-caption = { $total ->
    [one] Üks elaniku konto
   *[other] { $total } elaniku kontot
  }, kasutajanime järgi
pb-profile-back = Kõik elanikud
pb-profile-title = Kasutaja { $name } linnaosa ja sünniaeg
pb-profile-lead = See, kes tohib kaasavas eelarves hääletada, ja osalusnäitajad sõltuvad nendest andmetest.
pb-profile-not-resident = See ei ole elaniku konto (roll: { $role }). Hääletavad ainult elanikud; andmed võib siiski kirja panna.
pb-profile-current = Praegu kirjas
pb-profile-not-recorded = Pole kirjas
pb-profile-change = Muuda neid
pb-profile-field-birth-date = Sünniaeg
pb-profile-district-hint-known = Üks linnaosadest, mida protsessid nimetavad: { $districts }. Jäta tühjaks, kui see pole teada.
pb-profile-district-hint-any = Ükski protsess ei nimeta veel linnaosa, seega sobib iga nimi. Jäta tühjaks, kui see pole teada.
pb-profile-birth-date-hint = Kujul AAAA-KK-PP, näiteks 1990-01-31. Jäta tühjaks, kui see pole teada.
pb-profile-audit-note = Iga muudatus kantakse sinu nimega auditilogisse.
pb-profile-save = Salvesta
pb-profile-saved = Linnaosa ja sünniaeg on salvestatud.
pb-profile-read-only = Audiitorid näevad neid andmeid, kuid ei muuda neid.
pb-profile-error-district-length = Kirjuta linnaosa nimi kuni { $max } märgiga või jäta tühjaks.
pb-profile-error-district-control = Eemalda linnaosa nimest nähtamatud juhtmärgid.
pb-profile-error-district-unknown = Ükski protsess ei nimeta linnaosa „{ $district }“. Vali üks neist: { $districts }.
pb-profile-error-birth-date-invalid = Kirjuta päriselt olemasolev kuupäev kujul AAAA-KK-PP, näiteks 1990-01-31.
pb-profile-error-birth-date-future = Sünniaeg ei saa olla tulevikus.
