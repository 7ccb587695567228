## Autenticación: contraseñas, segundos factores, llaves de acceso, recuperación, dispositivos.

error-password-common = Esta contraseña es demasiado común: aparece en listas de contraseñas filtradas. Elige una frase más larga de palabras sin relación.
