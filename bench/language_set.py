"""A small multilingual set for language detection, written for Storyline (no text copied
from any corpus): news-like sentences in ten languages, short (a headline or one sentence)
and long (a paragraph of an article), and a few inputs no detector can decide.

``SET`` is ``(language, length, text)``: ISO 639-1 codes, ``"short"`` or ``"long"``;
``UNDECIDABLE`` are inputs that must come out as unknown. Used by ``python -m bench
language`` and by ``tests/unit/language``.
"""

from __future__ import annotations

SHORT: dict[str, list[str]] = {
    "en": [
        "Council approves new budget for city schools",
        "The minister said on Tuesday that talks would resume next week.",
        "Storm closes ports along the northern coast",
        "Shares in the carmaker fell sharply after the warning.",
    ],
    "fr": [
        "Le conseil municipal adopte le budget des écoles",
        "Le ministre a déclaré mardi que les négociations reprendraient.",
        "Une tempête ferme les ports de la côte nord",
        "Les actions du constructeur ont chuté après l'avertissement.",
    ],
    "de": [
        "Stadtrat beschließt neuen Haushalt für die Schulen",
        "Der Minister sagte am Dienstag, die Gespräche würden fortgesetzt.",
        "Sturm schließt die Häfen an der Nordküste",
        "Die Aktien des Autobauers fielen nach der Warnung deutlich.",
    ],
    "es": [
        "El ayuntamiento aprueba el presupuesto para las escuelas",
        "El ministro dijo el martes que las negociaciones se reanudarán.",
        "Una tormenta cierra los puertos de la costa norte",
        "Las acciones del fabricante cayeron tras la advertencia.",
    ],
    "it": [
        "Il consiglio comunale approva il bilancio delle scuole",
        "Il ministro ha detto martedì che i negoziati riprenderanno.",
        "Una tempesta chiude i porti della costa settentrionale",
        "Le azioni della casa automobilistica sono crollate dopo l'avviso.",
    ],
    "pt": [
        "Câmara aprova novo orçamento para as escolas da cidade",
        "O ministro disse na terça-feira que as negociações serão retomadas.",
        "Tempestade fecha os portos da costa norte",
        "As ações da montadora caíram depois do alerta.",
    ],
    "nl": [
        "Gemeenteraad keurt nieuwe begroting voor scholen goed",
        "De minister zei dinsdag dat de gesprekken volgende week hervat worden.",
        "Storm sluit havens langs de noordkust",
        "Aandelen van de autobouwer daalden fors na de waarschuwing.",
    ],
    "sv": [
        "Kommunfullmäktige godkänner ny budget för skolorna",
        "Ministern sade i tisdags att förhandlingarna återupptas nästa vecka.",
        "Storm stänger hamnarna längs norra kusten",
        "Biltillverkarens aktier föll kraftigt efter varningen.",
    ],
    "pl": [
        "Rada miasta przyjęła nowy budżet dla szkół",
        "Minister powiedział we wtorek, że rozmowy zostaną wznowione.",
        "Burza zamyka porty na północnym wybrzeżu",
        "Akcje producenta samochodów mocno spadły po ostrzeżeniu.",
    ],
    "tr": [
        "Belediye meclisi okullar için yeni bütçeyi onayladı",
        "Bakan salı günü görüşmelerin gelecek hafta yeniden başlayacağını söyledi.",
        "Fırtına kuzey kıyısındaki limanları kapattı",
        "Otomobil üreticisinin hisseleri uyarının ardından sert düştü.",
    ],
}

LONG: dict[str, list[str]] = {
    "en": [
        "The city council voted late on Monday to approve a budget that sets aside more money "
        "for repairing school buildings, after months of complaints from parents about leaking "
        "roofs and broken heating. The mayor told reporters that the first works would start in "
        "the spring and that every school would be inspected before the end of the year. "
        "Opposition members said the plan came too late and asked how the extra spending would "
        "be paid for without raising local taxes.",
        "Shipping companies said they had moved dozens of vessels away from the northern ports "
        "as the storm approached, and the coast guard warned fishermen to stay in harbour until "
        "the weekend. Several ferry crossings were cancelled and a bridge over the estuary was "
        "closed to lorries for most of the afternoon. Forecasters expect the wind to ease on "
        "Thursday, although heavy rain could still cause flooding in low-lying villages.",
    ],
    "fr": [
        "Le conseil municipal a voté lundi soir un budget qui consacre davantage d'argent à la "
        "rénovation des bâtiments scolaires, après des mois de plaintes de parents au sujet des "
        "toits qui fuient et du chauffage en panne. Le maire a indiqué aux journalistes que les "
        "premiers travaux commenceraient au printemps et que chaque école serait inspectée avant "
        "la fin de l'année. L'opposition a jugé que le plan arrivait trop tard et a demandé "
        "comment ces dépenses seraient financées sans augmenter les impôts locaux.",
        "Les compagnies maritimes ont éloigné des dizaines de navires des ports du nord à "
        "l'approche de la tempête, et les garde-côtes ont conseillé aux pêcheurs de rester au "
        "port jusqu'au week-end. Plusieurs traversées en ferry ont été annulées et un pont sur "
        "l'estuaire a été fermé aux camions pendant une grande partie de l'après-midi. Les "
        "prévisionnistes s'attendent à ce que le vent faiblisse jeudi.",
    ],
    "de": [
        "Der Stadtrat hat am Montagabend einen Haushalt beschlossen, der mehr Geld für die "
        "Sanierung der Schulgebäude vorsieht, nachdem sich Eltern monatelang über undichte "
        "Dächer und ausgefallene Heizungen beschwert hatten. Der Bürgermeister sagte vor "
        "Journalisten, die ersten Arbeiten würden im Frühjahr beginnen und jede Schule werde "
        "bis zum Jahresende geprüft. Die Opposition kritisierte, der Plan komme zu spät, und "
        "fragte, wie die zusätzlichen Ausgaben ohne höhere Steuern bezahlt werden sollen.",
        "Die Reedereien haben Dutzende Schiffe aus den nördlichen Häfen abgezogen, als sich der "
        "Sturm näherte, und die Küstenwache riet den Fischern, bis zum Wochenende im Hafen zu "
        "bleiben. Mehrere Fährverbindungen fielen aus, und eine Brücke über die Mündung war am "
        "Nachmittag für Lastwagen gesperrt. Die Meteorologen erwarten, dass der Wind am "
        "Donnerstag nachlässt, doch starker Regen könnte tief gelegene Dörfer überfluten.",
    ],
    "es": [
        "El ayuntamiento aprobó el lunes por la noche un presupuesto que destina más dinero a "
        "reparar los edificios escolares, tras meses de quejas de los padres por los techos con "
        "goteras y la calefacción averiada. El alcalde dijo a los periodistas que las primeras "
        "obras empezarán en primavera y que todas las escuelas serán inspeccionadas antes de "
        "fin de año. La oposición afirmó que el plan llega tarde y preguntó cómo se pagará el "
        "gasto adicional sin subir los impuestos locales.",
        "Las navieras alejaron decenas de barcos de los puertos del norte ante la llegada de la "
        "tormenta, y la guardia costera pidió a los pescadores que permanecieran en el puerto "
        "hasta el fin de semana. Varios trayectos en ferry fueron cancelados y un puente sobre "
        "el estuario estuvo cerrado a los camiones durante buena parte de la tarde. Los "
        "meteorólogos esperan que el viento amaine el jueves.",
    ],
    "it": [
        "Il consiglio comunale ha approvato lunedì sera un bilancio che destina più fondi alla "
        "ristrutturazione degli edifici scolastici, dopo mesi di proteste dei genitori per i "
        "tetti che perdono acqua e il riscaldamento guasto. Il sindaco ha detto ai giornalisti "
        "che i primi lavori inizieranno in primavera e che ogni scuola sarà controllata entro "
        "la fine dell'anno. L'opposizione ha sostenuto che il piano arriva troppo tardi e ha "
        "chiesto come verranno coperte le spese senza aumentare le tasse locali.",
        "Le compagnie di navigazione hanno allontanato decine di navi dai porti del nord "
        "all'arrivo della tempesta, e la guardia costiera ha invitato i pescatori a restare in "
        "porto fino al fine settimana. Diverse corse dei traghetti sono state cancellate e un "
        "ponte sull'estuario è rimasto chiuso ai camion per gran parte del pomeriggio. I "
        "meteorologi prevedono che il vento si calmerà giovedì.",
    ],
    "pt": [
        "A câmara municipal aprovou na segunda-feira à noite um orçamento que reserva mais "
        "dinheiro para a reparação dos edifícios escolares, depois de meses de queixas dos pais "
        "sobre telhados com infiltrações e aquecimento avariado. O presidente da câmara disse "
        "aos jornalistas que as primeiras obras começarão na primavera e que todas as escolas "
        "serão inspecionadas até ao fim do ano. A oposição afirmou que o plano chega tarde e "
        "perguntou como a despesa extra será paga sem aumentar os impostos locais.",
        "As empresas de navegação afastaram dezenas de navios dos portos do norte com a "
        "aproximação da tempestade, e a guarda costeira aconselhou os pescadores a ficarem no "
        "porto até ao fim de semana. Várias travessias de ferry foram canceladas e uma ponte "
        "sobre o estuário esteve fechada aos camiões durante grande parte da tarde. Os "
        "meteorologistas esperam que o vento abrande na quinta-feira.",
    ],
    "nl": [
        "De gemeenteraad heeft maandagavond een begroting goedgekeurd die meer geld uittrekt "
        "voor het herstel van schoolgebouwen, na maanden van klachten van ouders over lekkende "
        "daken en kapotte verwarming. De burgemeester zei tegen verslaggevers dat de eerste "
        "werkzaamheden in het voorjaar beginnen en dat elke school voor het einde van het jaar "
        "wordt gecontroleerd. De oppositie vond dat het plan te laat komt en vroeg hoe de extra "
        "uitgaven zonder hogere lokale belastingen betaald worden.",
        "Rederijen hebben tientallen schepen uit de noordelijke havens weggehaald toen de storm "
        "naderde, en de kustwacht raadde vissers aan tot het weekend in de haven te blijven. "
        "Verschillende veerdiensten werden geschrapt en een brug over de monding was een groot "
        "deel van de middag gesloten voor vrachtwagens. Meteorologen verwachten dat de wind "
        "donderdag afneemt, maar zware regen kan laaggelegen dorpen onder water zetten.",
    ],
    "sv": [
        "Kommunfullmäktige röstade på måndagskvällen igenom en budget som ger mer pengar till "
        "renovering av skolbyggnader, efter flera månader av klagomål från föräldrar på läckande "
        "tak och trasig värme. Kommunalrådet sade till journalister att de första arbetena "
        "börjar i vår och att varje skola ska besiktigas före årets slut. Oppositionen menade "
        "att planen kommer för sent och frågade hur de extra utgifterna ska betalas utan att "
        "kommunalskatten höjs.",
        "Rederierna flyttade dussintals fartyg från de norra hamnarna när stormen närmade sig, "
        "och kustbevakningen uppmanade fiskarna att stanna i hamn till helgen. Flera "
        "färjeturer ställdes in och en bro över flodmynningen var stängd för lastbilar under "
        "större delen av eftermiddagen. Meteorologerna räknar med att vinden mojnar på "
        "torsdag, men kraftigt regn kan orsaka översvämningar i låglänta byar.",
    ],
    "pl": [
        "Rada miasta przyjęła w poniedziałek wieczorem budżet, który przeznacza więcej pieniędzy "
        "na remont budynków szkolnych, po wielu miesiącach skarg rodziców na przeciekające dachy "
        "i zepsute ogrzewanie. Burmistrz powiedział dziennikarzom, że pierwsze prace rozpoczną "
        "się wiosną i że każda szkoła zostanie skontrolowana przed końcem roku. Opozycja "
        "stwierdziła, że plan przychodzi za późno, i zapytała, jak dodatkowe wydatki zostaną "
        "pokryte bez podnoszenia lokalnych podatków.",
        "Armatorzy wyprowadzili dziesiątki statków z północnych portów, gdy zbliżała się burza, "
        "a straż przybrzeżna poradziła rybakom, aby zostali w porcie do weekendu. Odwołano "
        "kilka rejsów promowych, a most nad ujściem rzeki był przez większą część popołudnia "
        "zamknięty dla ciężarówek. Synoptycy spodziewają się, że wiatr osłabnie w czwartek, "
        "choć ulewne deszcze mogą zalać nisko położone wsie.",
    ],
    "tr": [
        "Belediye meclisi pazartesi akşamı okul binalarının onarımı için daha fazla para ayıran "
        "bir bütçeyi onayladı. Velilerin aylardır akan çatılardan ve bozuk kaloriferlerden "
        "şikayet ettiği biliniyordu. Belediye başkanı gazetecilere ilk çalışmaların ilkbaharda "
        "başlayacağını ve her okulun yıl sonundan önce denetleneceğini söyledi. Muhalefet ise "
        "planın çok geç geldiğini belirterek ek harcamaların yerel vergiler artırılmadan nasıl "
        "karşılanacağını sordu.",
        "Denizcilik şirketleri fırtına yaklaşırken onlarca gemiyi kuzeydeki limanlardan "
        "uzaklaştırdı ve sahil güvenlik balıkçılara hafta sonuna kadar limanda kalmalarını "
        "tavsiye etti. "
        "Birkaç feribot seferi iptal edildi ve haliç üzerindeki bir köprü öğleden sonranın büyük "
        "bölümünde kamyonlara kapatıldı. Meteoroloji uzmanları rüzgarın perşembe günü "
        "hafifleyeceğini, ancak şiddetli yağmurun alçak köylerde sele yol açabileceğini söylüyor.",
    ],
}

# Inputs that carry no language: figures, a ticker table, a lone name, nothing.
UNDECIDABLE: list[str] = [
    "",
    "12.5 3.4 -0.7 +1.2 44,100",
    "ABC 12.40 +0.3 | DEF 8.15 -0.1 | XYZ 101.00",
    "Oslo",
    "--- *** ---",
]

SET: list[tuple[str, str, str]] = [
    (lang, "short", text) for lang, texts in SHORT.items() for text in texts
] + [(lang, "long", text) for lang, texts in LONG.items() for text in texts]
