"""Countries: demonyms, capitals and short forms, written by hand for the entity stage.

Source: the UN's list of its 193 member states (un.org/en/about-us/member-states) for the
countries, with the demonyms and capitals in common English news use (CIA World Factbook
"Nationality" and "Capital" fields as the reference). Kept as one text table so a reviewer
can read it; each row is ``Country|Capital|demonym, demonym|short form, short form``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

_TABLE = """\
Afghanistan|Kabul|Afghan|
Albania|Tirana|Albanian|
Algeria|Algiers|Algerian|
Andorra|Andorra la Vella|Andorran|
Angola|Luanda|Angolan|
Antigua and Barbuda|St. John's|Antiguan|
Argentina|Buenos Aires|Argentine, Argentinian|
Armenia|Yerevan|Armenian|
Australia|Canberra|Australian|
Austria|Vienna|Austrian|
Azerbaijan|Baku|Azerbaijani, Azeri|
Bahamas|Nassau|Bahamian|The Bahamas
Bahrain|Manama|Bahraini|
Bangladesh|Dhaka|Bangladeshi|
Barbados|Bridgetown|Barbadian|
Belarus|Minsk|Belarusian|
Belgium|Brussels|Belgian|
Belize|Belmopan|Belizean|
Benin|Porto-Novo|Beninese|
Bhutan|Thimphu|Bhutanese|
Bolivia|La Paz|Bolivian|
Bosnia and Herzegovina|Sarajevo|Bosnian|Bosnia
Botswana|Gaborone|Botswanan|
Brazil|Brasilia|Brazilian|
Brunei|Bandar Seri Begawan|Bruneian|
Bulgaria|Sofia|Bulgarian|
Burkina Faso|Ouagadougou|Burkinabe|
Burundi|Gitega|Burundian|
Cabo Verde|Praia|Cape Verdean|Cape Verde
Cambodia|Phnom Penh|Cambodian|
Cameroon|Yaounde|Cameroonian|
Canada|Ottawa|Canadian|
Central African Republic|Bangui|Central African|CAR
Chad|N'Djamena|Chadian|
Chile|Santiago|Chilean|
China|Beijing|Chinese|PRC
Colombia|Bogota|Colombian|
Comoros|Moroni|Comoran|
Congo|Brazzaville|Congolese|Republic of the Congo
Costa Rica|San Jose|Costa Rican|
Cote d'Ivoire|Yamoussoukro|Ivorian|Ivory Coast
Croatia|Zagreb|Croatian|
Cuba|Havana|Cuban|
Cyprus|Nicosia|Cypriot|
Czech Republic|Prague|Czech|Czechia
Democratic Republic of the Congo|Kinshasa||DRC, DR Congo
Denmark|Copenhagen|Danish|
Djibouti|Djibouti|Djiboutian|
Dominica|Roseau|Dominican|
Dominican Republic|Santo Domingo||
Ecuador|Quito|Ecuadorian|
Egypt|Cairo|Egyptian|
El Salvador|San Salvador|Salvadoran|
Equatorial Guinea|Malabo|Equatoguinean|
Eritrea|Asmara|Eritrean|
Estonia|Tallinn|Estonian|
Eswatini|Mbabane|Swazi|Swaziland
Ethiopia|Addis Ababa|Ethiopian|
Fiji|Suva|Fijian|
Finland|Helsinki|Finnish|
France|Paris|French|
Gabon|Libreville|Gabonese|
Gambia|Banjul|Gambian|The Gambia
Georgia|Tbilisi|Georgian|
Germany|Berlin|German|
Ghana|Accra|Ghanaian|
Greece|Athens|Greek|
Grenada|St. George's|Grenadian|
Guatemala|Guatemala City|Guatemalan|
Guinea|Conakry|Guinean|
Guinea-Bissau|Bissau|Bissau-Guinean|
Guyana|Georgetown|Guyanese|
Haiti|Port-au-Prince|Haitian|
Honduras|Tegucigalpa|Honduran|
Hungary|Budapest|Hungarian|
Iceland|Reykjavik|Icelandic|
India|New Delhi|Indian|
Indonesia|Jakarta|Indonesian|
Iran|Tehran|Iranian|
Iraq|Baghdad|Iraqi|
Ireland|Dublin|Irish|
Israel|Jerusalem|Israeli|
Italy|Rome|Italian|
Jamaica|Kingston|Jamaican|
Japan|Tokyo|Japanese|
Jordan|Amman|Jordanian|
Kazakhstan|Astana|Kazakh, Kazakhstani|
Kenya|Nairobi|Kenyan|
Kiribati|Tarawa|I-Kiribati|
Kuwait|Kuwait City|Kuwaiti|
Kyrgyzstan|Bishkek|Kyrgyz|
Laos|Vientiane|Lao, Laotian|
Latvia|Riga|Latvian|
Lebanon|Beirut|Lebanese|
Lesotho|Maseru|Basotho|
Liberia|Monrovia|Liberian|
Libya|Tripoli|Libyan|
Liechtenstein|Vaduz|Liechtensteiner|
Lithuania|Vilnius|Lithuanian|
Luxembourg|Luxembourg|Luxembourgish|
Madagascar|Antananarivo|Malagasy|
Malawi|Lilongwe|Malawian|
Malaysia|Kuala Lumpur|Malaysian|
Maldives|Male|Maldivian|
Mali|Bamako|Malian|
Malta|Valletta|Maltese|
Marshall Islands|Majuro|Marshallese|
Mauritania|Nouakchott|Mauritanian|
Mauritius|Port Louis|Mauritian|
Mexico|Mexico City|Mexican|
Micronesia|Palikir|Micronesian|
Moldova|Chisinau|Moldovan|
Monaco|Monaco|Monegasque|
Mongolia|Ulaanbaatar|Mongolian|
Montenegro|Podgorica|Montenegrin|
Morocco|Rabat|Moroccan|
Mozambique|Maputo|Mozambican|
Myanmar|Naypyidaw|Burmese|Burma
Namibia|Windhoek|Namibian|
Nauru|Yaren|Nauruan|
Nepal|Kathmandu|Nepali, Nepalese|
Netherlands|Amsterdam|Dutch|Holland, The Netherlands
New Zealand|Wellington|New Zealand|NZ
Nicaragua|Managua|Nicaraguan|
Niger|Niamey|Nigerien|
Nigeria|Abuja|Nigerian|
North Korea|Pyongyang|North Korean|DPRK
North Macedonia|Skopje|Macedonian|Macedonia
Norway|Oslo|Norwegian|
Oman|Muscat|Omani|
Pakistan|Islamabad|Pakistani|
Palau|Ngerulmud|Palauan|
Panama|Panama City|Panamanian|
Papua New Guinea|Port Moresby|Papua New Guinean|PNG
Paraguay|Asuncion|Paraguayan|
Peru|Lima|Peruvian|
Philippines|Manila|Filipino, Philippine|The Philippines
Poland|Warsaw|Polish|
Portugal|Lisbon|Portuguese|
Qatar|Doha|Qatari|
Romania|Bucharest|Romanian|
Russia|Moscow|Russian|Russian Federation
Rwanda|Kigali|Rwandan|
Saint Kitts and Nevis|Basseterre|Kittitian|
Saint Lucia|Castries|Saint Lucian|
Saint Vincent and the Grenadines|Kingstown|Vincentian|
Samoa|Apia|Samoan|
San Marino|San Marino|Sammarinese|
Sao Tome and Principe|Sao Tome|Sao Tomean|
Saudi Arabia|Riyadh|Saudi, Saudi Arabian|
Senegal|Dakar|Senegalese|
Serbia|Belgrade|Serbian, Serb|
Seychelles|Victoria|Seychellois|
Sierra Leone|Freetown|Sierra Leonean|
Singapore|Singapore|Singaporean|
Slovakia|Bratislava|Slovak|
Slovenia|Ljubljana|Slovenian, Slovene|
Solomon Islands|Honiara|Solomon Islander|
Somalia|Mogadishu|Somali|
South Africa|Pretoria|South African|
South Korea|Seoul|South Korean|Korea, Republic of Korea
South Sudan|Juba|South Sudanese|
Spain|Madrid|Spanish|
Sri Lanka|Colombo|Sri Lankan|
Sudan|Khartoum|Sudanese|
Suriname|Paramaribo|Surinamese|
Sweden|Stockholm|Swedish|
Switzerland|Bern|Swiss|
Syria|Damascus|Syrian|
Tajikistan|Dushanbe|Tajik|
Tanzania|Dodoma|Tanzanian|
Thailand|Bangkok|Thai|
Timor-Leste|Dili|Timorese|East Timor
Togo|Lome|Togolese|
Tonga|Nuku'alofa|Tongan|
Trinidad and Tobago|Port of Spain|Trinidadian|
Tunisia|Tunis|Tunisian|
Turkey|Ankara|Turkish|Turkiye, Türkiye
Turkmenistan|Ashgabat|Turkmen|
Tuvalu|Funafuti|Tuvaluan|
Uganda|Kampala|Ugandan|
Ukraine|Kyiv|Ukrainian|The Ukraine
United Arab Emirates|Abu Dhabi|Emirati|UAE, U.A.E.
United Kingdom|London|British|UK, U.K., Britain, Great Britain
United States|Washington|American, US, U.S.|US, U.S., USA, U.S.A., America, United States of America
Uruguay|Montevideo|Uruguayan|
Uzbekistan|Tashkent|Uzbek|
Vanuatu|Port Vila|Ni-Vanuatu|
Venezuela|Caracas|Venezuelan|
Vietnam|Hanoi|Vietnamese|Viet Nam
Yemen|Sanaa|Yemeni|
Zambia|Lusaka|Zambian|
Zimbabwe|Harare|Zimbabwean|
"""


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    capital: str
    demonyms: tuple[str, ...]
    short_forms: tuple[str, ...]


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split(",") if part.strip())


@cache
def countries() -> tuple[Country, ...]:
    rows = []
    for line in _TABLE.splitlines():
        name, capital, demonyms, short = line.split("|")
        rows.append(Country(name, capital, _split(demonyms), _split(short)))
    return tuple(rows)


@cache
def by_demonym() -> dict[str, Country]:
    """Lower-cased demonym -> country ("french" -> France)."""
    return {d.lower(): c for c in countries() for d in c.demonyms}


@cache
def by_name() -> dict[str, Country]:
    """Lower-cased name or short form -> country ("u.k." -> United Kingdom)."""
    table = {c.name.lower(): c for c in countries()}
    for country in countries():
        for form in country.short_forms:
            table.setdefault(form.lower(), country)
    return table


@cache
def by_capital() -> dict[str, Country]:
    """Lower-cased capital -> country, for metonyms ("Moscow said")."""
    # Capitals that share a country's name (Djibouti, Monaco...) are not metonyms.
    return {c.capital.lower(): c for c in countries() if c.capital != c.name}
