"""Articles written for these tests: a French and a German one whose words the English
extractors misread (a quote with its speaker after a French verb, "Dienstag", the article
"die"), an English one on the same story, and one with too few words to tell."""

from __future__ import annotations

FRENCH = (
    "Grève sur le port de Marseille\n\n"
    "MARSEILLE – Les dockers ont cessé le travail mardi, bloquant les navires à quai.\n\n"
    "« Nous ne reprendrons pas tant que la direction refuse de négocier », a déclaré "
    "Paul Lemaire, le porte-parole du syndicat, devant les grilles du terminal.\n\n"
    "La direction du port a proposé une rencontre jeudi avec les représentants des "
    "salariés, mais aucune date n'a encore été fixée pour la reprise.\n"
)

GERMAN = (
    "Streik legt den Hafen lahm\n\n"
    "HAMBURG – Die Hafenarbeiter haben am Dienstag die Arbeit niedergelegt. Die Schiffe "
    "liegen seitdem an den Kais fest, und die Reedereien warnen vor langen Verzögerungen.\n\n"
    "Die Gewerkschaft erklärte, der Streik werde so lange dauern, bis die Arbeitgeber ein "
    "besseres Angebot vorlegten. Die Hafenleitung will am Donnerstag mit den Vertretern der "
    "Beschäftigten sprechen.\n"
)

ENGLISH = (
    "Dock strike halts the port of Hamburg\n\n"
    "HAMBURG – Dock workers walked out on Tuesday, leaving ships tied up at the quays.\n\n"
    '"We will not go back until the employers improve their offer," said Karl Brenner, '
    "a spokesman for the union.\n\n"
    "The port's management said it would meet the workers' representatives on Thursday.\n"
)

TOO_SHORT = "Hamburg 12.4 +0.3\n\nDAX 15,230 -0.2\n"
