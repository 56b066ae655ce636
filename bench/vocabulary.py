"""Names, places and sentences for the synthetic data set: all invented, in Russian, Kazakh and English.

Surnames are drawn with a Zipf-like weight (the first ones are common, the
last ones rare), so a "common surname" search finds thousands of people at
national scale, as it would in Kazakhstan.
"""

# (masculine surname, Latin spelling); feminine forms add -а / -a where Russian grammar does.
KAZAKH_SURNAMES = [
    ("Ахметов", "Akhmetov"),
    ("Омаров", "Omarov"),
    ("Сулейменов", "Suleimenov"),
    ("Жумабаев", "Zhumabayev"),
    ("Касымов", "Kassymov"),
    ("Нурланов", "Nurlanov"),
    ("Абдрахманов", "Abdrakhmanov"),
    ("Тлеубаев", "Tleubayev"),
    ("Исаев", "Issayev"),
    ("Сейткалиев", "Seitkaliyev"),
    ("Жаксылыков", "Zhaksylykov"),
    ("Бекмухамбетов", "Bekmukhambetov"),
    ("Кенжебеков", "Kenzhebekov"),
    ("Досмагамбетов", "Dosmagambetov"),
    ("Есенов", "Yessenov"),
    ("Мухамедиев", "Mukhamediyev"),
    ("Ергалиев", "Yergaliyev"),
    ("Токаев", "Tokayev"),
    ("Байжанов", "Baizhanov"),
    ("Курманов", "Kurmanov"),
    ("Оспанов", "Ospanov"),
    ("Сарсенбаев", "Sarsenbayev"),
    ("Утебаев", "Utebayev"),
    ("Шайхутдинов", "Shaikhutdinov"),
    ("Алиев", "Aliyev"),
    ("Рахимов", "Rakhimov"),
    ("Джаксыбеков", "Dzhaksybekov"),
    ("Иманалиев", "Imanaliyev"),
]
RUSSIAN_SURNAMES = [
    ("Иванов", "Ivanov"),
    ("Смирнов", "Smirnov"),
    ("Кузнецов", "Kuznetsov"),
    ("Попов", "Popov"),
    ("Васильев", "Vasilyev"),
    ("Петров", "Petrov"),
    ("Соколов", "Sokolov"),
    ("Михайлов", "Mikhailov"),
    ("Новиков", "Novikov"),
    ("Фёдоров", "Fyodorov"),
    ("Морозов", "Morozov"),
    ("Волков", "Volkov"),
    ("Лебедев", "Lebedev"),
    ("Семёнов", "Semyonov"),
    ("Ким", "Kim"),
    ("Пак", "Pak"),
    ("Цой", "Tsoi"),
    ("Шевченко", "Shevchenko"),
    ("Бондаренко", "Bondarenko"),
    ("Мельников", "Melnikov"),
]
# People who came from abroad (asylum seekers, refugees) are mostly registered in Latin script.
FOREIGN_SURNAMES = [
    ("Rahimi", "Рахими"),
    ("Ahmadi", "Ахмади"),
    ("Hasanov", "Хасанов"),
    ("Karimov", "Каримов"),
    ("Mirzaev", "Мирзаев"),
    ("Yusupov", "Юсупов"),
    ("Nazarov", "Назаров"),
    ("Sharipov", "Шарипов"),
    ("Haidari", "Хайдари"),
    ("Tursunov", "Турсунов"),
    ("Ergashev", "Эргашев"),
    ("Uighur", "Уйгур"),
]
KAZAKH_GIVEN_M = [
    ("Нурлан", "Nurlan"),
    ("Ерлан", "Yerlan"),
    ("Данияр", "Daniyar"),
    ("Арман", "Arman"),
    ("Серік", "Serik"),
    ("Асхат", "Askhat"),
    ("Бауыржан", "Bauyrzhan"),
    ("Ержан", "Yerzhan"),
    ("Нұрсұлтан", "Nursultan"),
    ("Қайрат", "Kairat"),
    ("Мұрат", "Murat"),
    ("Талгат", "Talgat"),
]
KAZAKH_GIVEN_F = [
    ("Айгуль", "Aigul"),
    ("Асель", "Assel"),
    ("Мадина", "Madina"),
    ("Жанар", "Zhanar"),
    ("Гульнара", "Gulnara"),
    ("Меруерт", "Meruert"),
    ("Динара", "Dinara"),
    ("Әйгерім", "Aigerim"),
    ("Салтанат", "Saltanat"),
    ("Жұлдыз", "Zhuldyz"),
    ("Алия", "Aliya"),
    ("Сауле", "Saule"),
]
RUSSIAN_GIVEN_M = [
    ("Александр", "Aleksandr"),
    ("Сергей", "Sergei"),
    ("Дмитрий", "Dmitry"),
    ("Андрей", "Andrei"),
    ("Алексей", "Aleksei"),
    ("Владимир", "Vladimir"),
    ("Пётр", "Pyotr"),
    ("Виктор", "Viktor"),
]
RUSSIAN_GIVEN_F = [
    ("Елена", "Yelena"),
    ("Ольга", "Olga"),
    ("Наталья", "Natalya"),
    ("Татьяна", "Tatyana"),
    ("Ирина", "Irina"),
    ("Светлана", "Svetlana"),
    ("Виктория", "Viktoriya"),
    ("Анна", "Anna"),
]
FOREIGN_GIVEN_M = [
    ("Farhod", "Фарход"),
    ("Rustam", "Рустам"),
    ("Ahmad", "Ахмад"),
    ("Jamshid", "Джамшид"),
    ("Ali", "Али"),
]
FOREIGN_GIVEN_F = [("Mariam", "Марьям"), ("Zarina", "Зарина"), ("Nilufar", "Нилуфар"), ("Fatima", "Фатима")]

STREETS = ["Абая", "Толе би", "Жибек жолы", "Достык", "Сатпаева", "Розыбакиева", "Республики", "Ленина", "Мира"]
CITIES_BY_OFFICE = {
    "almaty-ho": ("Алматы", "Almaty"),
    "astana": ("Астана", "Astana"),
    "shymkent": ("Шымкент", "Shymkent"),
    "karaganda": ("Караганда", "Karaganda"),
    "kostanay": ("Костанай", "Kostanay"),
    "pavlodar": ("Павлодар", "Pavlodar"),
    "oskemen": ("Усть-Каменогорск", "Oskemen"),
    "petropavl": ("Петропавловск", "Petropavl"),
    "oral": ("Уральск", "Oral"),
    "atyrau": ("Атырау", "Atyrau"),
    "aktobe": ("Актобе", "Aktobe"),
    "kyzylorda": ("Кызылорда", "Kyzylorda"),
    "taraz": ("Тараз", "Taraz"),
}
# Share of the national workload per office (the head office and the big cities take most).
OFFICE_WEIGHTS = {
    "almaty-ho": 30,
    "astana": 12,
    "shymkent": 10,
    "karaganda": 8,
    "kostanay": 5,
    "pavlodar": 5,
    "oskemen": 5,
    "petropavl": 4,
    "oral": 4,
    "atyrau": 4,
    "aktobe": 5,
    "kyzylorda": 4,
    "taraz": 4,
}
LEGAL_AREA_WEIGHTS = {
    "citizenship": 18,
    "migration": 16,
    "criminal": 12,
    "torture": 4,
    "assembly": 6,
    "expression": 5,
    "association": 2,
    "religion": 3,
    "fair-trial": 8,
    "labour": 8,
    "housing": 6,
    "social": 6,
    "family": 4,
    "discrimination": 3,
    "other": 5,
}
GROUP_WEIGHTS = {
    "stateless": 20,
    "asylum-seeker": 12,
    "refugee": 8,
    "activist": 10,
    "journalist": 5,
    "defender": 4,
    "prisoner": 9,
    "other": 32,
}

# Consultation summaries: a sentence of facts, then often a sentence of what was asked.
SUMMARY_RU = [
    "Обратился по вопросу восстановления утерянного паспорта и признания гражданства Республики Казахстан.",
    "Задержан после участия в мирном собрании, привлечён к административной ответственности, хочет обжаловать штраф.",
    "Отказано в регистрации по месту жительства; нужна консультация о документах для статуса лица без гражданства.",
    "Журналиста вызвали на допрос по поводу публикации; спрашивает о своих правах при допросе.",
    "Родственник содержится в следственном изоляторе, жалуется на пытки и жестокое обращение.",
    "Подал ходатайство о предоставлении статуса беженца; миграционная служба не отвечает четыре месяца.",
    "Уволен с работы после вступления в инициативную группу; спрашивает о восстановлении на работе.",
    "Консультация о подаче индивидуального сообщения в Комитет ООН по правам человека.",
    "Нет документов о рождении, не может получить удостоверение личности и медицинскую помощь.",
    "Отказ в выдаче разрешения на проведение мирного собрания; просит помочь с жалобой в суд.",
    "Сын осуждён к лишению свободы; семья просит помочь с кассационной жалобой.",
    "Вопрос о выселении из общежития без предоставления другого жилья.",
]
SUMMARY_EN = [
    "Asked how to restore a lost passport of the former USSR and apply for citizenship.",
    "Detained after a peaceful assembly; fined under the administrative code; wants to appeal.",
    "Refused residence registration; needs advice on documents for statelessness status.",
    "Journalist summoned for questioning about a publication; asked about rights during questioning.",
    "Relative held in pre-trial detention complains of torture and ill-treatment by police officers.",
    "Applied for asylum; the migration service has not answered for four months.",
    "Dismissed from work after joining an initiative group; asked about reinstatement.",
    "Consulted on submitting an individual communication to the UN Human Rights Committee.",
    "Has no birth certificate and cannot obtain an identity card or medical care.",
    "Refugee family threatened with deportation to the country of origin.",
]
SUMMARY_KK = [
    "Жоғалған төлқұжатты қалпына келтіру және азаматтықты тану мәселесі бойынша жүгінді.",
    "Бейбіт жиынға қатысқаны үшін ұсталды, әкімшілік айыппұлға шағымданғысы келеді.",
    "Азаматтығы жоқ адам мәртебесін алу үшін құжаттар туралы кеңес қажет.",
    "Тергеу изоляторындағы туысы азаптау мен қатыгез қарым-қатынасқа шағымданады.",
    "Босқын мәртебесін сұрады; көші-қон қызметі төрт ай бойы жауап бермейді.",
    "Бастамашыл топқа кіргеннен кейін жұмыстан шығарылды.",
]
FOLLOW_UP = [
    "Перезвонить после ответа миграционной службы.",
    "Подготовить жалобу в прокуратуру.",
    "Call back when the court sets a date.",
    "Проверить ответ акимата.",
    "Send the template of the appeal by email.",
]
CASE_TITLES = [
    "Признание лицом без гражданства",
    "Обжалование административного штрафа за участие в собрании",
    "Жалоба на пытки в ИВС",
    "Statelessness determination",
    "Asylum appeal",
    "Восстановление на работе",
    "Communication to the UN Human Rights Committee",
    "Обжалование отказа в регистрации объединения",
    "Защита журналиста по делу о распространении ложной информации",
    "Азаматтықты тану туралы іс",
]
COURTS = [
    "Специализированный межрайонный административный суд г. {city}",
    "Районный суд №2 г. {city}",
    "Городской суд г. {city}",
    "Верховный суд Республики Казахстан",
    "UN Human Rights Committee",
]
EVENT_TITLES = [
    "Задержание участников мирного собрания в г. {city}",
    "Разгон пикета у здания акимата г. {city}",
    "Пытки в изоляторе временного содержания г. {city}",
    "Блокировка независимого новостного сайта",
    "Нападение на журналиста в г. {city}",
    "Dispersal of a peaceful assembly in {city_en}",
    "Arbitrary detention of an activist in {city_en}",
    "Запрет на выезд правозащитнику",
]
EVENT_BODIES = [
    "УП г. {city}",
    "Департамент полиции г. {city}",
    "Акимат г. {city}",
    "ИВС ДП г. {city}",
    "Специализированный административный суд г. {city}",
]
