"""The sentence generator of notebook 5.5 (Polish -> English): hand-checked sentences and
properties of its corpus. The generator lives in the notebook's code cells tagged
"generator"; the test runs those cells alone."""
import re
from collections import Counter

import jupytext
import numpy as np
import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "05_nmt.py"


@pytest.fixture(scope="module")
def generator():
    """The names the notebook's generator cells define."""
    cells = [c.source for c in jupytext.read(NOTEBOOK).cells
             if c.cell_type == "code" and "generator" in c.metadata.get("tags", [])]
    assert cells, f"{NOTEBOOK.name}: brak komórek z etykietą generator"
    namespace = {"re": re, "np": np}
    exec(compile("\n\n".join(cells), str(NOTEBOOK), "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def corpus(generator):
    return generator["make_corpus"](2000, seed=0)


@pytest.fixture(scope="module")
def specs(generator):
    """Specyfikacje losowane tak jak w make_corpus(2000, seed=0) (z powtórzeniami)."""
    rng = np.random.default_rng(0)
    return [generator["sample_spec"](rng) for _ in range(3000)]


def spec(**changes):
    """Specyfikacja „Kot widzi psa.” ze zmienionymi polami."""
    base = {"subject": "kot", "subject_count": 1, "verb": "widzieć", "tense": "present", "speaker": "m", "object": "pies",
            "count": 1, "subject_adjective": None, "object_adjective": None, "negated": False,
            "order": "SVO"}
    return {**base, **changes}


PRO, PAST, NEG, OVS = {"subject": None}, {"tense": "past"}, {"negated": True}, {"order": "OVS"}
SLEEP = {"verb": "spać", "object": None}
# (zmiany w specyfikacji, zdanie polskie, angielskie, zjawiska) – sprawdzone ręcznie.
CASES = [
    ({}, "Kot widzi psa.", "The cat sees a dog.", {"przypadek"}),
    (OVS, "Psa widzi kot.", "The cat sees a dog.", {"przypadek", "szyk OVS"}),
    (PRO, "Widzę psa.", "I see a dog.", {"przypadek", "podmiot domyślny"}),
    ({**PRO, **NEG}, "Nie widzę psa.", "I do not see a dog.",
     {"przypadek", "podmiot domyślny", "przeczenie"}),
    ({**PAST, **NEG, "object": "krowa"}, "Kot nie widział krowy.", "The cat did not see a cow.",
     {"przypadek", "czas przeszły", "przeczenie"}),
    ({**PRO, **PAST, "speaker": "f", "object": "krowa", "count": 2}, "Widziałam dwie krowy.",
     "I saw two cows.", {"czas przeszły", "podmiot domyślny", "liczebnik"}),
    ({**PRO, **PAST, "object": "kot"}, "Widziałem kota.", "I saw a cat.",
     {"przypadek", "czas przeszły", "podmiot domyślny"}),
    ({**PRO, **PAST, "speaker": "f", "object": "mysz", "count": 2}, "Widziałam dwie myszy.",
     "I saw two mice.", {"czas przeszły", "podmiot domyślny", "liczebnik"}),
    ({"subject": "dziewczyna", "subject_adjective": "mały", "verb": "lubić", **PAST, **NEG,
      "object": "koń", "object_adjective": "stary"},
     "Mała dziewczyna nie lubiła starego konia.", "The small girl did not like an old horse.",
     {"przypadek", "czas przeszły", "przeczenie", "przymiotnik"}),
    ({"subject": "dziewczyna", "subject_adjective": "mały", "verb": "lubić", **PAST, **NEG, **OVS,
      "object": "koń", "object_adjective": "stary"},
     "Starego konia nie lubiła mała dziewczyna.", "The small girl did not like an old horse.",
     {"przypadek", "czas przeszły", "przeczenie", "przymiotnik", "szyk OVS"}),
    ({"subject": "brat", "verb": "mieć", "object": "kot", "count": 5, "object_adjective": "czarny"},
     "Brat ma pięć czarnych kotów.", "The brother has five black cats.",
     {"przypadek", "liczebnik", "przymiotnik"}),
    ({**PRO, "verb": "karmić", "object": "kot", "count": 5}, "Karmię pięć kotów.", "I feed five cats.",
     {"przypadek", "podmiot domyślny", "liczebnik"}),
    ({"object": "krowa", "count": 5}, "Kot widzi pięć krów.", "The cat sees five cows.",
     {"przypadek", "liczebnik"}),
    ({"subject": "pies", "object": "kot", "count": 2}, "Pies widzi dwa koty.", "The dog sees two cats.",
     {"liczebnik"}),
    ({"object": "mysz", "count": 6}, "Kot widzi sześć myszy.", "The cat sees six mice.", {"liczebnik"}),
    ({"subject": "matka", "verb": "kupować", "object": "jabłko"}, "Matka kupuje jabłko.",
     "The mother buys an apple.", set()),
    ({**PRO, "verb": "rysować", "object": "słoń", "object_adjective": "stary"},
     "Rysuję starego słonia.", "I draw an old elephant.",
     {"przypadek", "podmiot domyślny", "przymiotnik"}),
    ({"subject": "sąsiad", "verb": "malować", **PAST, "object": "okno", "object_adjective": "czarny"},
     "Sąsiad malował czarne okno.", "The neighbour painted a black window.", {"czas przeszły", "przymiotnik"}),
    ({"subject": "babcia", "verb": "myć", **NEG, "object": "okno", "object_adjective": "duży"},
     "Babcia nie myje dużego okna.", "The grandmother does not wash a big window.",
     {"przypadek", "przeczenie", "przymiotnik"}),
    ({"subject": "ciocia", "verb": "kupować", **PAST, "object": "dom", "count": 3,
      "object_adjective": "nowy"},
     "Ciocia kupowała trzy nowe domy.", "The aunt bought three new houses.",
     {"czas przeszły", "liczebnik", "przymiotnik"}),
    ({**PRO, "verb": "mieć", "object": "owca", "count": 4, "object_adjective": "biały"},
     "Mam cztery białe owce.", "I have four white sheep.",
     {"podmiot domyślny", "liczebnik", "przymiotnik"}),
    ({**PRO, "verb": "odwiedzać", **PAST, "speaker": "f", "object": "wujek"}, "Odwiedzałam wujka.",
     "I visited an uncle.", {"przypadek", "czas przeszły", "podmiot domyślny"}),
    ({"subject": "siostra", "subject_adjective": "wesoły", "verb": "kochać", "object": "kot",
      "object_adjective": "szybki", **OVS},
     "Szybkiego kota kocha wesoła siostra.", "The happy sister loves a fast cat.",
     {"przypadek", "szyk OVS", "przymiotnik"}),
    ({**PRO, "verb": "czyścić", **NEG, "object": "stół", "object_adjective": "tani"},
     "Nie czyszczę taniego stołu.", "I do not clean a cheap table.",
     {"przypadek", "podmiot domyślny", "przeczenie", "przymiotnik"}),
    ({"subject": "pies", "verb": "słyszeć", **PAST, "object": "mysz", "object_adjective": "szybki"},
     "Pies słyszał szybką mysz.", "The dog heard a fast mouse.", {"przypadek", "czas przeszły", "przymiotnik"}),
    ({**PRO, "verb": "kupować", "object": "łódź", "count": 5, "object_adjective": "drogi"},
     "Kupuję pięć drogich łodzi.", "I buy five expensive boats.",
     {"przypadek", "podmiot domyślny", "liczebnik", "przymiotnik"}),
    ({**PRO, "verb": "kupować", "object": "książka", "object_adjective": "drogi"},
     "Kupuję drogą książkę.", "I buy an expensive book.", {"przypadek", "podmiot domyślny", "przymiotnik"}),
    ({"subject": "aktor", "verb": "znać", **PAST, **NEG, **OVS, "object": "aktorka"},
     "Aktorki nie znał aktor.", "The actor did not know an actress.",
     {"przypadek", "czas przeszły", "przeczenie", "szyk OVS"}),
    ({"subject": "krowa", "subject_adjective": "głodny", "verb": "wołać", **PAST, "object": "kura",
      "count": 2, "object_adjective": "mały"},
     "Głodna krowa wołała dwie małe kury.", "The hungry cow called two small hens.",
     {"czas przeszły", "liczebnik", "przymiotnik"}),
    ({"subject": "chłopiec", "verb": "pamiętać", **PAST, **NEG, "object": "parasol",
      "object_adjective": "czerwony"},
     "Chłopiec nie pamiętał czerwonego parasola.", "The boy did not remember a red umbrella.",
     {"przypadek", "czas przeszły", "przeczenie", "przymiotnik"}),
    ({"subject": "lekarz", "object": "drzewo", "count": 5, "object_adjective": "zielony"},
     "Lekarz widzi pięć zielonych drzew.", "The doctor sees five green trees.",
     {"przypadek", "liczebnik", "przymiotnik"}),
    ({"verb": "lubić", **PAST, **NEG, **OVS, "object": "mysz", "object_adjective": "biały"},
     "Białej myszy nie lubił kot.", "The cat did not like a white mouse.",
     {"przypadek", "czas przeszły", "przeczenie", "szyk OVS", "przymiotnik"}),
    ({**PRO, "verb": "wołać", "object": "wilk", "count": 2, "object_adjective": "szybki"},
     "Wołam dwa szybkie wilki.", "I call two fast wolves.", {"podmiot domyślny", "liczebnik", "przymiotnik"}),
    ({"subject": "wujek", "subject_adjective": "wysoki", "verb": "rysować", "object": "gruszka",
      "count": 6},
     "Wysoki wujek rysuje sześć gruszek.", "The tall uncle draws six pears.",
     {"przypadek", "liczebnik", "przymiotnik"}),
    ({"subject": "sowa", "subject_adjective": "stary", **PAST, "object": "jajko", "object_adjective": "tani"},
     "Stara sowa widziała tanie jajko.", "The old owl saw a cheap egg.", {"czas przeszły", "przymiotnik"}),
    ({**PRO, "verb": "mieć", **NEG, "object": "auto"}, "Nie mam auta.", "I do not have a car.",
     {"przypadek", "podmiot domyślny", "przeczenie"}),
    ({"subject": "aktorka", "verb": "malować", **PAST, "object": "obraz"}, "Aktorka malowała obraz.",
     "The actress painted a painting.", {"czas przeszły"}),
    ({**PRO, "verb": "myć", "object": "okno", "count": 2}, "Myję dwa okna.", "I wash two windows.",
     {"podmiot domyślny", "liczebnik"}),
    ({"subject": "kaczka", **OVS, **PAST, "object": "słoń"}, "Słonia widziała kaczka.",
     "The duck saw an elephant.", {"przypadek", "czas przeszły", "szyk OVS"}),
    ({"subject": "osioł", "verb": "mieć", **NEG, "object": "jabłko", "object_adjective": "zielony"},
     "Osioł nie ma zielonego jabłka.", "The donkey does not have a green apple.",
     {"przypadek", "przeczenie", "przymiotnik"}),
    # „Ładny” o mężczyźnie: „handsome”; o kobiecie, zwierzęciu, rzeczy: „pretty”.
    ({"subject": "wujek", "subject_adjective": "ładny", "verb": "lubić"}, "Ładny wujek lubi psa.",
     "The handsome uncle likes a dog.", {"przypadek", "przymiotnik"}),
    ({"subject": "siostra", "subject_adjective": "ładny", "verb": "lubić"}, "Ładna siostra lubi psa.",
     "The pretty sister likes a dog.", {"przypadek", "przymiotnik"}),
    ({**PRO, "object": "sąsiad", "object_adjective": "ładny"}, "Widzę ładnego sąsiada.",
     "I see a handsome neighbour.", {"przypadek", "podmiot domyślny", "przymiotnik"}),
    # Dopełniacz po przeczeniu widać: krowę -> krowy.
    ({**PRO, "object": "krowa"}, "Widzę krowę.", "I see a cow.", {"przypadek", "podmiot domyślny"}),
    ({**PRO, **NEG, "object": "krowa"}, "Nie widzę krowy.", "I do not see a cow.",
     {"przypadek", "podmiot domyślny", "przeczenie"}),
    # Podmiot z liczebnikiem: po 2–4 czasownik w lm., po 5–6 w lp. (w przeszłym rodzaj nijaki).
    ({"subject_count": 2}, "Dwa koty widzą psa.", "Two cats see a dog.", {"przypadek", "liczebnik"}),
    ({"subject_count": 2, **PAST}, "Dwa koty widziały psa.", "Two cats saw a dog.",
     {"przypadek", "czas przeszły", "liczebnik"}),
    ({"subject_count": 5}, "Pięć kotów widzi psa.", "Five cats see a dog.", {"przypadek", "liczebnik"}),
    ({"subject_count": 5, **PAST}, "Pięć kotów widziało psa.", "Five cats saw a dog.",
     {"przypadek", "czas przeszły", "liczebnik"}),
    ({"subject": "krowa", "subject_count": 3, "subject_adjective": "biały", "verb": "lubić", **PAST, **NEG,
      "object": "koń"},
     "Trzy białe krowy nie lubiły konia.", "Three white cows did not like a horse.",
     {"przypadek", "czas przeszły", "przeczenie", "liczebnik", "przymiotnik"}),
    ({"subject": "kura", "subject_count": 6, "subject_adjective": "głodny", "verb": "wołać", **NEG},
     "Sześć głodnych kur nie woła psa.", "Six hungry hens do not call a dog.",
     {"przypadek", "przeczenie", "liczebnik", "przymiotnik"}),
    ({"subject_count": 4, "object": "mysz", "count": 2}, "Cztery koty widzą dwie myszy.",
     "Four cats see two mice.", {"liczebnik"}),
    # Przeczenie z liczebnikiem: liczebnik, przymiotnik i rzeczownik w dopełniaczu.
    ({**PRO, **NEG, "object": "kot", "count": 5}, "Nie widzę pięciu kotów.", "I do not see five cats.",
     {"przypadek", "podmiot domyślny", "przeczenie", "liczebnik"}),
    ({**PRO, **NEG, **PAST, "speaker": "f", "object": "krowa", "count": 2, "object_adjective": "czarny"},
     "Nie widziałam dwóch czarnych krów.", "I did not see two black cows.",
     {"przypadek", "czas przeszły", "podmiot domyślny", "przeczenie", "liczebnik", "przymiotnik"}),
    ({"subject": "pies", **NEG, **OVS, "object": "kot", "count": 3}, "Trzech kotów nie widzi pies.",
     "The dog does not see three cats.", {"przypadek", "przeczenie", "liczebnik", "szyk OVS"}),
    # Czasowniki nieprzechodnie; podmiot z liczebnikiem: „dwa koty spały”, „pięć kotów spało”.
    ({**SLEEP}, "Kot śpi.", "The cat sleeps.", set()),
    ({**SLEEP, **PAST, "subject": "dziewczyna"}, "Dziewczyna spała.", "The girl slept.", {"czas przeszły"}),
    ({**SLEEP, **PAST, **PRO, "speaker": "f"}, "Spałam.", "I slept.", {"czas przeszły", "podmiot domyślny"}),
    ({**SLEEP, **PAST, "subject_count": 2}, "Dwa koty spały.", "Two cats slept.", {"czas przeszły", "liczebnik"}),
    ({**SLEEP, **PAST, "subject_count": 5}, "Pięć kotów spało.", "Five cats slept.", {"czas przeszły", "liczebnik"}),
    ({**SLEEP, **PAST, **NEG, "subject_count": 5}, "Pięć kotów nie spało.", "Five cats did not sleep.",
     {"czas przeszły", "przeczenie", "liczebnik"}),
    ({**SLEEP, "subject": "kura", "subject_count": 6, "subject_adjective": "głodny"}, "Sześć głodnych kur śpi.",
     "Six hungry hens sleep.", {"liczebnik", "przymiotnik"}),
    ({**SLEEP, "verb": "biegać", **PAST, **NEG, "subject": "krowa", "subject_count": 3},
     "Trzy krowy nie biegały.", "Three cows did not run.", {"czas przeszły", "przeczenie", "liczebnik"}),
    ({**SLEEP, "verb": "biegać", "subject": "koń", "subject_count": 4, "subject_adjective": "szybki"},
     "Cztery szybkie konie biegają.", "Four fast horses run.", {"liczebnik", "przymiotnik"}),
    ({**SLEEP, "verb": "biegać", **PAST, "subject": "lekarz", "subject_adjective": "wysoki"},
     "Wysoki lekarz biegał.", "The tall doctor ran.", {"czas przeszły", "przymiotnik"}),
]


@pytest.mark.parametrize("changes, polish, english, tags", CASES, ids=[c[1] for c in CASES])
def test_hand_checked_sentences(generator, changes, polish, english, tags):
    assert generator["render"](spec(**changes)) == (polish, english)
    assert generator["phenomena"](spec(**changes)) == tags


@pytest.mark.parametrize("changes", [c[0] for c in CASES], ids=[c[1] for c in CASES])
def test_hand_checked_specs_could_be_sampled(generator, changes):
    """Ręczne zdania mieszczą się w ograniczeniach znaczeniowych losowania."""
    s, nouns, verb = spec(**changes), generator["NOUNS"], generator["VERBS"][spec(**changes)["verb"]]
    assert (nouns[s["subject"]]["cls"] if s["subject"] else "P") in verb["subjects"]
    assert (s["object"] is None) == (verb["objects"] == "-")
    assert s["object"] is None or nouns[s["object"]]["cls"] in verb["objects"]
    assert s["subject_count"] == 1 or nouns[s["subject"]]["cls"] == "A"
    for role in ("subject", "object"):
        assert s[role + "_adjective"] in [None] + generator["adjectives_for"](s[role] or "brat")


def test_hand_checked_table_covers_everything(generator):
    tags = set().union(*(c[3] for c in CASES))
    assert tags == set(generator["PHENOMENA"])
    nouns = generator["NOUNS"]
    genders = {nouns[c[0].get(role, default)]["gender"]
               for c in CASES for role, default in (("subject", "kot"), ("object", "pies"))
               if c[0].get(role, default)}
    assert genders == {"m-pers", "m-anim", "m-inanim", "f", "n"}


# Formy przymiotników: mianownik m/ż/n, biernik m-żyw./m-nieżyw./ż/n, dopełniacz m/ż/n,
# po „dwa” (mianownik lm.), po „pięć” (dopełniacz lm.).
ADJECTIVE_FORMS = {
    "czarny": "czarny czarna czarne czarnego czarny czarną czarne czarnego czarnej czarnego czarne czarnych",
    "szybki": "szybki szybka szybkie szybkiego szybki szybką szybkie szybkiego szybkiej szybkiego "
              "szybkie szybkich",
    "drogi": "drogi droga drogie drogiego drogi drogą drogie drogiego drogiej drogiego drogie drogich",
    "tani": "tani tania tanie taniego tani tanią tanie taniego taniej taniego tanie tanich",
    "duży": "duży duża duże dużego duży dużą duże dużego dużej dużego duże dużych",
    "wesoły": "wesoły wesoła wesołe wesołego wesoły wesołą wesołe wesołego wesołej wesołego wesołe wesołych",
}
SLOTS = [("nom", "m-anim", 1), ("nom", "f", 1), ("nom", "n", 1), ("acc", "m-anim", 1),
         ("acc", "m-inanim", 1), ("acc", "f", 1), ("acc", "n", 1), ("gen", "m-inanim", 1),
         ("gen", "f", 1), ("gen", "n", 1), ("acc", "f", 2), ("acc", "m-anim", 5)]


@pytest.mark.parametrize("lemma", ADJECTIVE_FORMS)
def test_adjective_forms(generator, lemma):
    forms = [generator["adjective_form"](lemma, *slot) for slot in SLOTS]
    assert forms == ADJECTIVE_FORMS[lemma].split()
    assert generator["adjective_form"](lemma, "acc", "m-pers") == forms[3]
    assert generator["adjective_form"](lemma, "gen", "f", 2) == forms[-1]  # nie widzę dwóch czarnych krów


# 3 os. lm. teraźniejszego, przeszły lm. niemęskoosobowy i nijaki lp. (dwa koty widzą, widziały;
# pięć kotów widziało), sprawdzone ręcznie.
PLURAL_VERBS = {"widzieć": "widzą widziały widziało", "lubić": "lubią lubiły lubiło", "mieć": "mają miały miało",
                "kochać": "kochają kochały kochało", "rysować": "rysują rysowały rysowało",
                "myć": "myją myły myło", "czyścić": "czyszczą czyściły czyściło",
                "odwiedzać": "odwiedzają odwiedzały odwiedzało", "słyszeć": "słyszą słyszały słyszało",
                "spać": "śpią spały spało", "biegać": "biegają biegały biegało"}


@pytest.mark.parametrize("lemma", PLURAL_VERBS)
def test_plural_verb_forms(generator, lemma):
    verb = generator["VERBS"][lemma]
    assert [verb[k] for k in ("pres3pl", "past3pl", "past3n")] == PLURAL_VERBS[lemma].split()


def test_lexicon(generator):
    nouns, verbs = generator["NOUNS"], generator["VERBS"]
    assert 80 <= generator["LEXICON_SIZE"] <= 100
    assert 45 <= len(nouns) <= 55 and 12 <= len(verbs) <= 17 and len(generator["ADJECTIVES"]) >= 15
    for lemma, noun in nouns.items():
        assert noun["gender"] in ("m-pers", "m-anim", "m-inanim", "f", "n"), lemma
        assert noun["cls"] in ("P", "A", "T"), lemma
        if noun["gender"] in ("m-pers", "m-anim"):
            assert noun["acc"] == noun["gen"], lemma
        if noun["gender"] in ("m-inanim", "n"):
            assert noun["acc"] == noun["nom"], lemma
        # Osoby tylko w liczbie pojedynczej; podmiot w czasie przeszłym musi być m albo ż.
        assert (noun["nom_pl"] == "-") == (noun["cls"] == "P"), lemma
        assert noun["subject"] == (noun["cls"] != "T") and (not noun["subject"] or noun["gender"] != "n")


def test_invalid_specs_are_rejected(generator):
    for changes in ({"object": "brat", "count": 3}, {**PRO, **OVS}, {"subject": "okno"},
                    {"subject": "mysz", **OVS}, {"subject": "brat", "subject_count": 2},
                    {"subject_count": 2, **OVS}, {**PRO, "subject_count": 2}, {**SLEEP, **OVS},
                    {"verb": "spać"}, {"object": None}):
        with pytest.raises(ValueError):
            generator["render"](spec(**changes))


def test_tokenize_and_unknown_words(generator):
    assert generator["tokenize"]("Kot widzi psa.") == ["kot", "widzi", "psa", "."]
    assert generator["tokenize"]("Nie widziałam dwóch krów.")[-1] == "."
    assert generator["unknown_words"]("Kot widzi smoka.") == ["smoka"]
    assert generator["unknown_words"]("Nie widziałam dwóch krów.") == []
    assert generator["unknown_words"]("Widzę dwóch braci.") == ["braci"]
    assert generator["unknown_words"]("Mała dziewczyna nie lubiła starego konia.") == []


def test_corpus_unique_known_and_deterministic(generator, corpus):
    polish = [p for p, _, _ in corpus]
    assert len(corpus) == 2000 and len(set(polish)) == 2000
    for p, e, _ in corpus:
        assert generator["unknown_words"](p) == [], p
        assert p[0].isupper() and e[0].isupper() and p.endswith(".") and e.endswith("."), p
    assert generator["make_corpus"](2000, seed=0) == corpus
    assert generator["make_corpus"](50, seed=1) != corpus[:50]


def test_corpus_tags(generator, corpus):
    allowed = set(generator["PHENOMENA"])
    counts = Counter(tag for _, _, tags in corpus for tag in tags)
    assert all(isinstance(tags, frozenset) and tags <= allowed for _, _, tags in corpus)
    for tag in allowed:
        assert counts[tag] >= 0.05 * len(corpus), (tag, counts[tag])
    assert any({"przeczenie", "liczebnik"} <= tags for _, _, tags in corpus)


def test_sampled_specs(generator, specs):
    render = generator["render"]
    translations = {}
    for s in specs:
        assert s["order"] == "SVO" or (s["subject"] is not None and s["subject_count"] == 1)
        polish, english = render(s)
        assert translations.setdefault(polish, english) == english, polish  # PL -> EN jednoznacznie
        if (s["subject"] is not None and s["order"] == "SVO" and s["subject"] != "mysz" and s["subject_count"] == 1
                and s["object"] is not None):
            ovs = render({**s, "order": "OVS"})
            assert ovs[1] == english and ovs[0] != polish
            assert sorted(generator["tokenize"](ovs[0])) == sorted(generator["tokenize"](polish))
