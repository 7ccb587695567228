## OpenID Connecti teenus: auditilogi toimingud

audit-action-oidc-client-registered = Kliendirakendus registreeritud
audit-action-oidc-client-changed = Kliendirakendust muudetud
audit-action-oidc-client-secret-reset = Kliendirakenduse saladus vahetatud
audit-action-oidc-consent-granted = Nõusolek andmete jagamiseks teenusega
audit-action-oidc-claims-released = Registriandmed anti teenusele

## Autoriseerimise vead, mida näidatakse, kuid teenusele ei saadeta

oidc-error-title = Seda sisselogimise päringut ei saa kasutada
oidc-error-missing-client-id = Teenus, mis sind siia saatis, ei öelnud, kes ta on. Mine teenusesse tagasi ja proovi uuesti või teata selle haldajatele.
oidc-error-unknown-client = Teenus, mis sind siia saatis, ei ole civises registreeritud. Mine teenusesse tagasi ja teata selle haldajatele.
oidc-error-missing-redirect-uri = Teenus, mis sind siia saatis, ei öelnud, kuhu sind tagasi saata. Mine teenusesse tagasi ja teata selle haldajatele.
oidc-error-redirect-uri-mismatch = Teenus palus sind saata aadressile, mida ta pole registreerinud. Sinu turvalisuse huvides sind sinna ei saadetud. Mine teenusesse tagasi ja teata selle haldajatele.
oidc-error-repeated = Päringus on teenus või tagasisaatmise aadress kaks korda. Sinu turvalisuse huvides seda ei kasutatud. Mine teenusesse tagasi ja proovi uuesti.

## Nõusolek

oidc-consent-title = Kas jagada oma andmeid teenusega { $service }?
oidc-consent-intro = { $service } soovib teada:
oidc-consent-remember = civis jätab sinu vastuse selle teenuse jaoks meelde. Teenus ei saa midagi enne, kui sa lubad.
oidc-consent-allow = Luba
oidc-consent-deny = Ära luba
oidc-claim-sub-pairwise = Sinu tunnus, mida näeb ainult see teenus
oidc-claim-sub-public = Sinu avalik tunnus, mida näevad ka teised avalikud teenused
oidc-claim-authentication = Millal ja kuidas sa sisse logisid ning kui kindel on civis, et see oled sina (usaldusväärsuse tase)
oidc-claim-name = Sinu nimi ja kasutajanimi
oidc-claim-register-profile = Kui sinu konto on seotud rahvastikuregistriga: sinu eesnimi, perekonnanimi ja sünniaeg
oidc-claim-address = Sinu aadress rahvastikuregistris
oidc-claim-offline = Hoida seda ligipääsu ka siis, kui sa ei ole kohal, kuni sa selle tagasi võtad


## Teenusesse edasi (pärast pakkuja vormi)

oidc-continue-title = Jätka teenusesse { $service }
oidc-continue-signed-in = Oled sisse logitud. { $service } saab ainult seda, mida sa lubasid.
oidc-continue-link = Jätka teenusesse { $service }
oidc-continue-return-title = Tagasi teenusesse { $service }
oidc-continue-refused = { $service } ei saanud ligipääsu sinu andmetele.
oidc-continue-return-link = Tagasi teenusesse { $service }

## Kliendirakenduste haldus

nav-oidc-clients = Teenused
oidc-clients-title = Teenused, mis kasutavad civise sisselogimist
oidc-clients-none = Ühtegi teenust pole veel registreeritud.
oidc-clients-caption = Registreeritud teenused
oidc-clients-register-heading = Registreeri teenus
oidc-clients-register-submit = Registreeri teenus
oidc-clients-back = Kõik teenused
oidc-clients-registered = Teenus on registreeritud.
oidc-clients-saved = Muudatused on salvestatud.
oidc-clients-secret-replaced = Väljastati uus saladus. Vana enam ei tööta.
oidc-client-title = Teenus { $id }
oidc-client-secret-heading = Kliendi saladus
oidc-client-secret-once = Kopeeri see kohe ja anna teenuse haldajatele: seda näidatakse ainult seekord.
oidc-client-save = Salvesta muudatused
oidc-client-new-secret-heading = Uus saladus
oidc-client-new-secret-text = Kui saladus on kadunud või võib olla teistele teada, väljasta uus. Vana lakkab kohe töötamast.
oidc-client-new-secret = Väljasta uus saladus
oidc-clients-field-client-id = Kliendi tunnus
oidc-clients-hint-client-id = 3 kuni 64 märki: väiketähed a-z, numbrid, sidekriips, alakriips, punkt. Seda ei saa hiljem muuta.
oidc-clients-field-name = Nimi
oidc-clients-hint-name = Elanikud näevad seda nime, kui neilt küsitakse nõusolekut andmete jagamiseks.
oidc-clients-field-redirect-uris = Tagasisuunamise aadressid
oidc-clients-hint-redirect-uris = Üks rea kohta, võrreldakse täpselt. Kasuta https-i (http ainult localhosti jaoks).
oidc-clients-field-scopes = Mida teenus võib küsida lisaks sellele, kes elanik on
oidc-clients-field-level = Madalaim usaldusväärsuse tase
oidc-clients-field-subject = Tunnus, mida teenus näeb
oidc-clients-field-kind = Liik
oidc-clients-field-sector = Sektori tunnus (valikuline)
oidc-clients-hint-sector = Sama sektori tunnusega teenused näevad elaniku kohta sama tunnust. Jäta tühjaks, et see teenus saaks oma tunnuse.
oidc-clients-scope-profile = Nimi ja kasutajanimi ning registrist eesnimi, perekonnanimi ja sünniaeg
oidc-clients-scope-address = Aadress registrist
oidc-clients-scope-offline-access = Ligipääs ka siis, kui elanik ei ole kohal (värskendusload)
oidc-clients-level-low = Madal
oidc-clients-level-substantial = Märkimisväärne
oidc-clients-level-high = Kõrge
oidc-clients-subject-pairwise = Iga elaniku jaoks oma tunnus
oidc-clients-subject-public = Elaniku avalik tunnus
oidc-clients-kind-confidential = Saladusega server
oidc-clients-kind-public = Saladuseta rakendus (ainult PKCE)
oidc-clients-field-alg = Kuidas ID-tõendid allkirjastatakse
oidc-clients-alg-rs256 = RS256 (RSA; iga OpenID Connecti teenus toetab seda)
oidc-clients-alg-es256 = ES256 (elliptkõver P-256; väiksem ja kiirem)
oidc-clients-problem-client-id-length = Kliendi tunnus peab olema 3 kuni 64 märki pikk.
oidc-clients-problem-client-id-characters = Kliendi tunnuses võivad olla ainult väiketähed a-z, numbrid, sidekriips, alakriips ja punkt.
oidc-clients-problem-taken = Selle kliendi tunnusega teenus on juba registreeritud.
oidc-clients-problem-name-empty = Sisesta teenuse nimi.
oidc-clients-problem-name-invalid = Nimi võib olla kuni 100 märki pikk, ilma juhtmärkideta.
oidc-clients-problem-redirect-uris-empty = Sisesta vähemalt üks tagasisuunamise aadress.
oidc-clients-problem-redirect-uris-too-many = Sisesta kõige rohkem 10 tagasisuunamise aadressi.
oidc-clients-problem-redirect-uri-invalid = Iga tagasisuunamise aadress peab olema täielik aadress, näiteks https://teenus.example.org/callback, kuni 512 märki.
oidc-clients-problem-redirect-uri-fragment = Tagasisuunamise aadressis ei tohi olla #-osa.
oidc-clients-problem-redirect-uri-insecure = Tagasisuunamise aadress peab kasutama https-i; http on lubatud ainult localhosti, 127.0.0.1 või [::1] jaoks.
oidc-clients-problem-redirect-uri-duplicate = Sama tagasisuunamise aadress on kaks korda.
oidc-clients-problem-scope-unknown = Vali ainult loetelus olevaid valikuid.
oidc-clients-problem-level-unknown = Vali üks loetelus olevatest tasemetest.
oidc-clients-problem-subject-type-unknown = Vali üks loetelus olevatest tunnustest.
oidc-clients-problem-kind-unknown = Vali üks loetelus olevatest liikidest.
oidc-clients-problem-sector-invalid = Sektori tunnus võib olla kuni 200 märki pikk, ilma tühikuteta.
oidc-clients-problem-id-token-alg-unknown = Vali üks loetletud allkirjaalgoritmidest.
