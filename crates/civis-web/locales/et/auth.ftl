## Autentimine: paroolid, teised tegurid, pääsuvõtmed, taastamine, seadmed.

error-password-common = See parool on liiga levinud: see on lekkinud paroolide loendites. Vali pikem fraas omavahel seostamata sõnadest.
