## Autentimine: paroolid, teised tegurid, pääsuvõtmed, taastamine, seadmed.

error-password-common = See parool on liiga levinud: see on lekkinud paroolide loendites. Vali pikem fraas omavahel seostamata sõnadest.

audit-action-credential-totp-enrolled = Autentimisrakendus seadistatud
audit-action-credential-totp-removed = Autentimisrakendus eemaldatud
audit-action-credential-passkey-registered = Pääsuvõti registreeritud
audit-action-credential-passkey-removed = Pääsuvõti eemaldatud
audit-action-credential-recovery-issued = Taastamiskood väljastatud
audit-action-credential-recovery-used = Sisse logitud taastamiskoodiga
audit-action-credential-recovery-refused = Sisestati vale taastekood
audit-action-session-revoked = Seanss lõpetatud
audit-action-ballot-credential-issued = Anonüümne hääletustunnus väljastatud
audit-action-ballot-trustees-set = Usaldusisikud määratud
audit-action-ballot-trustee-key-submitted = Usaldusisiku võti esitatud
audit-action-ballot-dealing-submitted = Usaldusisiku jagamine esitatud
audit-action-ballot-election-key-made = Valimisvõti loodud
audit-action-ballot-share-revealed = Usaldusisiku osa avalikustatud
audit-action-ballot-record-published = Hääletusprotokoll avaldatud

## Sisselogimine: uuesti autentimine ja teine samm.
sign-in-reauth-lead = Turvalisuse huvides logi uuesti sisse, et kinnitada, et see oled sina.
totp-sign-in-title = Sisesta kood
totp-sign-in-lead = Parool oli õige. Ava autentimisrakendus ja sisesta kood, mida see civise jaoks näitab.
totp-sign-in-submit = Jätka
totp-field-code = Kood
totp-hint-code = Kuus numbrit autentimisrakendusest. Iga kood kehtib üks kord.
totp-hint-confirm = Kuus numbrit, mida rakendus praegu näitab.

## Miks koodi ei võetud vastu.
totp-error-missing = Sisesta autentimisrakenduse kood
totp-error-malformed = Kood on kuus numbrit
totp-error-wrong = See kood on vale või aegunud. Sisesta kood, mida rakendus praegu näitab.
totp-error-replayed = Seda koodi on juba kasutatud. Oota järgmist koodi ja sisesta see.
totp-error-throttled = Liiga palju valesid koode. Proovi uuesti { $minutes } minuti pärast.
totp-error-not-enrolled = Pole autentimisrakendust, millega seda koodi kontrollida. Alusta uuesti.

## Sisselogimisviiside leht.
account-security-link = Sisselogimisviisid ja seadmed
security-title = Sisselogimisviisid
security-lead = Kuidas tõendad sisselogimisel, et see oled sina. Teine tegur hoiab kontot kaitstuna ka siis, kui keegi saab su parooli teada.
security-done-totp-enrolled = Autentimisrakendus on seadistatud. Nüüdsest küsitakse sisselogimisel koodi.
security-done-totp-removed = Autentimisrakendus eemaldati.
security-done-reauth = Kinnitasid, et see oled sina: järgmistel minutitel saad sisselogimisviisi eemaldada.
security-passkey-required = Sinu roll ({ $role }) nõuab pääsuvõtit, kuid see seanss ei alanud pääsuvõtmega: seni saad civist kasutada ainult nagu elanik. Loo allpool pääsuvõti, kui sul seda pole, siis logi välja ja logi sellega sisse.
totp-heading = Autentimisrakendus
totp-enrolled = Autentimisrakendus on seadistatud: parooliga sisselogimisel küsitakse ka selle koodi.
totp-not-enrolled = Autentimisrakendust pole seadistatud.
totp-set-up = Seadista autentimisrakendus
totp-remove = Eemalda autentimisrakendus
totp-enrol-title = Autentimisrakenduse seadistamine
totp-enrol-step-scan = Skaneeri see QR-kood telefoni autentimisrakendusega.
totp-enrol-qr-alt = QR-kood autentimisrakenduse jaoks. Kui sa ei saa seda skaneerida, sisesta allpool näidatud võti.
totp-enrol-step-type = Või sisesta see võti rakendusse:
totp-enrol-step-confirm = Kinnitamiseks sisesta kood, mida rakendus näitab.
totp-enrol-submit = Kinnita
totp-enrol-secret-once = Pärast kinnitamist seda võtit enam ei näidata.

## Lisatõendamine.
step-up-title = Kinnita, et see oled sina
step-up-lead = Teenus, kuhu sisse logid, vajab usaldustaset „{ $level }”. Tõenda end veel ühe teguriga.
step-up-reauth-lead = Sisselogimisviisi eemaldamiseks peab olema hiljuti sisse logitud. Tõenda uuesti autentimisrakenduse või pääsuvõtmega, et see oled sina.
step-up-submit = Jätka
step-up-nothing = Sul pole veel teist tegurit, mis annaks selle taseme. Seadista see ja tule tagasi.
step-up-set-up = Seadista sisselogimisviis
step-up-unreachable = Sinu konto ei saa seda taset saavutada: isikusamasuse kontrollimise viis ei võimalda seda. Pöördu teeninduspunkti, et see kontrollitaks kohapeal.
level-low = madal
level-substantial = märkimisväärne
level-high = kõrge

## Pääsuvõtmed.
passkey-heading = Pääsuvõtmed
passkey-lead = Pääsuvõtmega saad sisse logida telefoni, arvuti või turvavõtme ja selle ekraaniluku (sõrmejälg, nägu või PIN) abil, ilma paroolita. Seda ei saa õngitseda.
passkey-none = Sul pole veel pääsuvõtmeid.
passkey-caption = { $count ->
    [one] Üks pääsuvõti
   *[other] { $count } pääsuvõtit
}
passkey-registered = Registreeritud
passkey-last-used = Viimati kasutatud
passkey-never-used = Pole veel kasutatud
passkey-actions = Toimingud
passkey-remove = Eemalda
passkey-add-heading = Lisa pääsuvõti
passkey-add-button = Loo pääsuvõti
passkey-field-name = Nimi
passkey-hint-name = Et see hiljem ära tunda, näiteks „Töösülearvuti”.
passkey-no-js = Pääsuvõtmed vajavad JavaScripti, mis on välja lülitatud või pole saadaval. Võid sisse logida parooli ja autentimisrakenduse koodiga.
passkey-sign-in-heading = Logi sisse pääsuvõtmega
passkey-sign-in-lead = Kasutajanime ega parooli pole vaja: seade küsib oma ekraanilukku.
passkey-sign-in-button = Logi sisse pääsuvõtmega
passkey-step-up-heading = Kasuta pääsuvõtit
passkey-step-up-button = Kinnita pääsuvõtmega
security-done-passkey-registered = Pääsuvõti on loodud.
security-done-passkey-removed = Pääsuvõti eemaldati.
passkey-error-generic = Pääsuvõtit ei õnnestunud kasutada. Proovi uuesti või kasuta parooli.
passkey-error-ceremony_unknown = See päring on aegunud või juba kasutatud. Proovi uuesti.
passkey-error-wrong_origin = Pääsuvõti vastas teisele veebisaidile.
passkey-error-wrong_rp_id = Pääsuvõti kuulub teisele veebisaidile.
passkey-error-bad_signature = Pääsuvõtme allkiri ei kehti.
passkey-error-counter_regressed = See pääsuvõti võib olla kopeeritud: selle kasutusloendur läks tagasi. See lükati tagasi; võta meiega ühendust, kui sa seda ei oodanud.
passkey-error-unknown_credential = See pääsuvõti pole siin registreeritud.
passkey-error-not_verified = Seade ei kontrollinud, et see oled sina (sõrmejälg, nägu või PIN).
passkey-error-already_registered = See pääsuvõti on juba registreeritud.
passkey-error-name_missing = Anna pääsuvõtmele nimi
passkey-error-name_too_long = Nimes võib olla kõige rohkem { $max } märki
passkey-error-invalid = Pääsuvõtme vastust ei õnnestunud lugeda.

## Seadmed ja seansid.
devices-heading = Kus oled sisse logitud
devices-lead = Iga brauser või rakendus, kus oled sisse logitud. Lõpeta need, mida sa ei tunne, ja muuda seejärel parooli.
devices-device = Seade
devices-methods = Sisse logitud
devices-revoke = Lõpeta see seanss
devices-sign-out-here = Logi siin välja
device-unknown = Tundmatu seade
security-done-session-revoked = Seanss lõpetati.
method-pwd = parool
method-otp = autentimisrakenduse kood
method-hwk = pääsuvõti
method-rc = taastamiskood

password-heading = Parool
password-set = Sinu kontol on parool.
password-none = Sinu kontol pole parooli: sisened pääsuvõtmega.
password-change-link = Muuda parooli
password-set-link = Määra parool
password-title = Muuda parooli
password-lead = Vali uus parool. Kõik muud sinu konto seansid lõpetatakse.
password-none-yet = Sinu kontol pole veel parooli: uus on selle esimene.
password-submit = Muuda parool
password-back = Tagasi sisselogimisviiside juurde
field-password-current = Praegune parool
field-password-new = Uus parool
error-password-current-wrong = Praegune parool puudub või on vale
security-done-password-changed = Sinu parool on muudetud. Kõik muud seansid lõpetati.
