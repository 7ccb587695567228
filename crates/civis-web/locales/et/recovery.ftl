## Konto taastamine ametniku antud ühekordse koodiga.

recovery-issue-title = Anna taastamiskood
recovery-issue-intro = Elanikule, kes ei saa enam sisse logida. Kontrolli enne kohapeal isikut tõendavat dokumenti. Kood kehtib üks kord ja 24 tundi ning asendab konto varasema koodi.
recovery-issue-confirm = Kontrollisin dokumenti: foto vastab inimesele ja nimi kontole.
recovery-issue-submit = Anna kood
recovery-issued-title = Taastamiskood
recovery-issued-once = Seda koodi näidatakse ainult see üks kord. Prindi see leht või kirjuta kood elanikule kohe üles.
recovery-issued-expires = Kehtib kuni (UTC)
recovery-issued-how = Elanik avab lehe /recover, sisestab oma kasutajanime ja selle koodi ning seab seejärel uue parooli, pääsuvõtme või autentimisrakenduse.
recovery-issued-back = Anna teine kood
recover-title = Taasta oma konto
recover-intro = Kui sa ei saa enam sisse logida, saab ametnik kontrollida sinu isikut tõendavat dokumenti ja anda sulle taastamiskoodi. Sisesta see siia koos oma kasutajanimega.
recover-field-code = Taastamiskood
recover-hint-code = Kaksteist tähte ja numbrit, nt 7KQM-X3PA-DW9C. Sidekriipsud ja tühikud ei loe.
recover-field-password = Uus parool (valikuline)
recover-hint-password = Jäta tühjaks, kui soovid parooli alles jätta ja lisada selle asemel pääsuvõtme või autentimisrakenduse. Vähemalt 12 märki.
recover-submit = Taasta konto
recover-username-missing = Sisesta oma kasutajanimi.
recover-code-missing = Sisesta ametnikult saadud taastamiskood.
recover-password-bad = Vali vähemalt 12-märgine parool, mis pole levinud parool.
recover-code-wrong = See kasutajanimi ja taastamiskood ei sobi. Kood võib olla valesti sisestatud, aegunud, kasutatud või uuema koodiga asendatud.
recover-too-many = Liiga palju ebaõnnestunud katseid. Oota tund aega või küsi ametnikult uus kood.
