# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: kernelspec,jupytext,rise
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   rise:
#     theme: white
#     transition: none
#     center: false
#     scroll: true
#     slideNumber: true
#     width: 1280
#     height: 720
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 5.5 Neuronowe tłumaczenie maszynowe (NMT)
#
# W tym notatniku pokażemy:
# - jak model koder–dekoder (*encoder*–*decoder*) z dwiema sieciami rekurencyjnymi tłumaczy
#   jeden ciąg na inny,
# - jak się go uczy (*teacher forcing*) i jak się nim tłumaczy (dekodowanie zachłanne,
#   *greedy decoding*),
# - zadanie, które notatnik tworzy sam: daty zapisane po polsku słowami, np. „dwudziesty
#   siódmy listopada dwa tysiące dwudziestego szóstego roku”, tłumaczone na „2026-11-27”,
# - model typu ciąg do ciągu (seq2seq, *sequence-to-sequence*) bez mechanizmu uwagi (*attention*)
#   i z nim: trafność, zależność od długości zdania i mapę wag uwagi,
# - jak rozwijała się dziedzina: Transformer, podsłowa, miara BLEU.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # bez komunikatów TF przy imporcie
FAST = os.environ.get("COURSE_FAST") == "1"  # tryb szybki: mało danych i epok (CI)
DATA_DIR = Path(os.environ.get("COURSE_DATA_DIR", "../data"))  # kopia z `make data`

# %% [markdown] slideshow={"slide_type": "skip"}
# Potrzebne biblioteki: NumPy do rachunków, Keras do sieci neuronowych, Matplotlib do
# rysunków, `datetime` z biblioteki standardowej do dni tygodnia. Notatnik nie wczytuje
# żadnych plików: dane tworzy sam.

# %% slideshow={"slide_type": "skip"} tags=["remove-stderr"]
import datetime
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers
from matplotlib.patches import FancyBboxPatch, Rectangle

plt.rcParams["figure.dpi"] = 80

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Tłumaczenie jako zadanie na ciągach
#
# - Zdanie źródłowe $x_1, \ldots, x_S$ (np. po polsku) zamieniamy na zdanie docelowe
#   $y_1, \ldots, y_T$ (np. po angielsku); długości $S$ i $T$ są zwykle **różne**.
# - To zadanie typu wiele do wielu (*many-to-many*) z opóźnieniem z tematu 5.1: najpierw
#   czytamy całe zdanie, potem piszemy tłumaczenie.
# - Neuronowe tłumaczenie maszynowe (NMT) robi to **jedną siecią** uczoną od początku do końca
#   na parach zdań; dawne systemy statystyczne składały tłumaczenie z tabel fraz, modelu
#   języka i wielu ręcznie strojonych części.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Model koder–dekoder
#
# NMT również opiera się na modelu koder–dekoder, jak autoenkoder (*autoencoder*) z tematu 5.3:
# - koder czyta zdanie w języku źródłowym i zamienia je na **abstrakcyjną reprezentację**
#   (wektor stanu),
# - dekoder zamienia tę reprezentację na zdanie w języku docelowym, słowo po słowie.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_cell(ax, x, y, label, color):
    """Rysuje zaokrąglony prostokąt komórki sieci rekurencyjnej o środku w (x, y)."""
    ax.add_patch(FancyBboxPatch((x - 0.38, y - 0.25), 0.76, 0.5, boxstyle="round,pad=0.04",
                                fc=color, ec="k"))
    ax.text(x, y, label, ha="center", va="center", fontsize=9)


def arrow(ax, start, end, color="k", lw=1.2, style="-|>", **kwargs):
    """Rysuje strzałkę od punktu start do punktu end."""
    ax.annotate("", xy=end, xytext=start,
                arrowprops={"arrowstyle": style, "color": color, "lw": lw, "shrinkA": 0, "shrinkB": 0,
                            **kwargs})


def draw_translation_model(attention=False):
    """Schemat NMT: koder czyta „Ala ma kota”, dekoder pisze „Ala has a cat”."""
    title = ("Koder–dekoder z mechanizmem uwagi: dekoder patrzy na wszystkie stany kodera" if attention
             else "Koder–dekoder: całe zdanie przechodzi przez jeden wektor stanu")
    fig, ax = plt.subplots(figsize=(8, 2.9))
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=11)
    source, target = ["Ala", "ma", "kota"], ["Ala", "has", "a", "cat", "</s>"]
    enc_x = [0.0, 1.3, 2.6]
    dec_x = [4.4 + 1.3 * i for i in range(len(target))]
    ax.add_patch(Rectangle((-0.6, 0.45), 3.8, 1.1, fc="#eef6ee", ec="none", zorder=-2))
    ax.add_patch(Rectangle((3.8, 0.45), 6.4, 1.1, fc="#fdf1e6", ec="none", zorder=-2))
    ax.text(1.3, -0.85, "koder (język źródłowy)", ha="center", fontsize=10)
    ax.text(7.0, -0.85, "dekoder (język docelowy)", ha="center", fontsize=10)
    for i, (x, word) in enumerate(zip(enc_x, source)):
        draw_cell(ax, x, 1, "GRU", "#c9e8c9")
        ax.text(x, -0.2, word, ha="center", va="center", fontsize=10)
        arrow(ax, (x, 0.0), (x, 0.71))
        if i < len(source) - 1:
            arrow(ax, (x + 0.42, 1), (enc_x[i + 1] - 0.42, 1))
    arrow(ax, (enc_x[-1] + 0.42, 1), (dec_x[0] - 0.42, 1), color="tab:red", lw=2)
    ax.text((enc_x[-1] + dec_x[0]) / 2, 1.12, "$h$", color="tab:red", ha="center", va="bottom", fontsize=12)
    for i, (x, word) in enumerate(zip(dec_x, target)):
        draw_cell(ax, x, 1, "GRU", "#fde0c5")
        ax.text(x, -0.2, (["<s>"] + target)[i], ha="center", va="center", fontsize=10, color="dimgray")
        arrow(ax, (x, 0.0), (x, 0.71))
        arrow(ax, (x, 1.29), (x, 1.85))
        ax.text(x, 2.05, word, ha="center", va="center", fontsize=10, weight="bold")
        if i < len(target) - 1:
            arrow(ax, (x + 0.42, 1), (dec_x[i + 1] - 0.42, 1))
            arrow(ax, (x + 0.25, 1.95), (dec_x[i + 1] - 0.2, 0.05), color="gray", lw=0.8, ls="--")
    if attention:
        step, weights = 3, [0.15, 0.15, 0.7]  # „cat” patrzy głównie na „kota”
        context = (dec_x[step] - 0.65, 2.75)
        for x, weight in zip(enc_x, weights):
            arrow(ax, (x, 1.29), context, color="tab:blue", lw=0.5 + 4 * weight, style="-",
                  connectionstyle="angle3,angleA=90,angleB=0", alpha=0.8)
        ax.add_patch(plt.Circle(context, 0.22, fc="#dbe9f6", ec="tab:blue", zorder=3))
        ax.text(*context, "$c_t$", ha="center", va="center", fontsize=10, zorder=4)
        arrow(ax, (context[0] + 0.1, context[1] - 0.22), (dec_x[step] - 0.25, 1.3), color="tab:blue", lw=1.5)
        ax.text(context[0] + 0.35, context[1], "$c_t = \\sum_j \\alpha_{tj} h_j$", color="tab:blue",
                ha="left", va="center", fontsize=10)
    ax.set(xlim=(-0.7, 10.3), ylim=(-1.1, 3.1 if attention else 2.4))
    plt.show()


# %% mystnb={"image": {"alt": "Schemat neuronowego tłumaczenia koder–dekoder: po lewej trzy komórki GRU kodera czytają kolejno słowa „Ala”, „ma”, „kota”; ostatni stan kodera, oznaczony h, przechodzi czerwoną strzałką do dekodera. Po prawej pięć komórek GRU dekodera dostaje na wejściu znacznik <s> i kolejne słowa tłumaczenia, a wypisuje „Ala has a cat </s>”; przerywane strzałki prowadzą od każdego wypisanego słowa do wejścia następnego kroku."}} tags=["remove-input"]
draw_translation_model()

# %% [markdown] slideshow={"slide_type": "notes"}
# To odpowiednik rysunku systemu NMT z bloga NVIDIA, narysowany od nowa. Koder i dekoder
# to dwie osobne sieci rekurencyjne (tu GRU) o osobnych wagach. Jedyne, co łączy obie części,
# to wektor $h$: ostatni stan kodera staje się pierwszym stanem dekodera. Znaczniki
# `<s>` i `</s>` oznaczają początek i koniec zdania: dekoder zaczyna od `<s>`, a kończy, gdy
# wypisze `</s>`, więc sam decyduje o długości tłumaczenia.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie: *teacher forcing*
#
# - Dekoder w każdym kroku przewiduje rozkład prawdopodobieństwa następnego słowa
#   $p(y_t \mid y_1, \ldots, y_{t-1}, x)$ (warstwa softmax nad słownikiem).
# - Przy uczeniu na wejście kroku $t$ podajemy **prawdziwe** słowo $y_{t-1}$, a nie to, które
#   sieć właśnie przewidziała: to *teacher forcing*. Wejście dekodera to cel przesunięty
#   o jeden krok: `<s> Ala has a cat` → `Ala has a cat </s>`.
# - Funkcja straty: entropia krzyżowa sumowana po krokach, $-\sum_t \log p(y_t \mid y_{<t}, x)$.
#   Wszystkie kroki liczymy naraz, jak w zwykłej sieci.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Tłumaczenie: dekodowanie zachłanne
#
# - Gdy tłumaczymy nowe zdanie, poprawnego wyniku nie znamy, więc dekoder dostaje **własne**
#   poprzednie wyjście (przerywane strzałki na rysunku).
# - Dekodowanie zachłanne: w każdym kroku wybieramy najbardziej prawdopodobne słowo
#   i podajemy je dalej, aż do `</s>`.
# - To pętla w Pythonie, krok po kroku, ale dla **całej paczki zdań naraz**.
# - Lepsze tłumaczenia daje przeszukiwanie wiązkowe (*beam search*): pamięta kilka najlepszych
#   częściowych tłumaczeń zamiast jednego.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Zadanie: daty zapisane słowami
#
# Prawdziwe korpusy tłumaczeń są ogromne, a modele uczy się na nich godzinami lub dniami.
# Weźmy zadanie, które notatnik generuje sam i które mała sieć opanuje w minutę lub dwie
# na zwykłym procesorze:
#
# > dwudziesty siódmy listopada dwa tysiące dwudziestego szóstego roku → 2026-11-27
#
# - Źródło: data zapisana po polsku, słowami albo częściowo cyframi, z dniem tygodnia lub bez.
# - Cel: zapis znormalizowany RRRR-MM-DD (norma ISO 8601).
# - Lata 1900–2099, każda data jest poprawna (nie ma 31 kwietnia).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Polska odmiana
#
# - Dzień: liczebnik porządkowy rodzaju męskiego w mianowniku, „dwudziesty siódmy”, albo
#   w dopełniaczu po słowie „dnia”: „dnia dwudziestego siódmego”.
# - Miesiąc w dopełniaczu: „listopada”; przy dniu zapisanym cyframi także cyframi
#   rzymskimi: „27 XI”.
# - Rok: liczebnik porządkowy w dopełniaczu. Formę porządkową mają tylko dziesiątki
#   i jedności, a tysiące i setki pozostają liczebnikami głównymi: „tysiąc dziewięćset
#   dziewięćdziesiątego dziewiątego roku”, „dwa tysiące dziesiątego roku”. Inaczej jest
#   z latami kończącymi się na 00: „tysiąc dziewięćsetnego roku”, „dwutysięcznego roku”.

# %% [markdown] slideshow={"slide_type": "skip"}
# Słowniki liczebników. Dopełniacz liczebnika porządkowego tworzymy z mianownika: końcówkę
# „-y” zamieniamy na „-ego” („siódmy” → „siódmego”), a do „-i” dodajemy „-ego”
# („drugi” → „drugiego”, „trzeci” → „trzeciego”).

# %% slideshow={"slide_type": "skip"}
UNITS = ["", "pierwszy", "drugi", "trzeci", "czwarty", "piąty", "szósty", "siódmy", "ósmy", "dziewiąty"]
TEENS = ["dziesiąty", "jedenasty", "dwunasty", "trzynasty", "czternasty", "piętnasty", "szesnasty",
         "siedemnasty", "osiemnasty", "dziewiętnasty"]
TENS = ["", "", "dwudziesty", "trzydziesty", "czterdziesty", "pięćdziesiąty", "sześćdziesiąty",
        "siedemdziesiąty", "osiemdziesiąty", "dziewięćdziesiąty"]
MONTHS = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
          "września", "października", "listopada", "grudnia"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
WEEKDAYS = ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"]


def genitive(word):
    """Dopełniacz liczebnika porządkowego rodzaju męskiego: „siódmy” → „siódmego”."""
    return word[:-1] + "ego" if word.endswith("y") else word + "ego"


def ordinal(n, case="nom"):
    """Liczebnik porządkowy 1–99 w mianowniku ("nom") albo dopełniaczu ("gen")."""
    if n < 10:
        words = [UNITS[n]]
    elif n < 20:
        words = [TEENS[n - 10]]
    else:
        words = [w for w in (TENS[n // 10], UNITS[n % 10]) if w]
    return " ".join(words if case == "nom" else [genitive(w) for w in words])


def year_in_words(year):
    """Rok 1900–2099 jako liczebnik porządkowy w dopełniaczu, bez słowa „roku”."""
    thousands, rest = divmod(year, 1000)
    if rest == 0:
        return "dwutysięcznego"
    words = ["tysiąc" if thousands == 1 else "dwa tysiące"]
    if rest == 900:
        return "tysiąc dziewięćsetnego"
    if rest > 900:
        words.append("dziewięćset")
    return " ".join(words + [ordinal(rest % 100, "gen")])


# %% [markdown] slideshow={"slide_type": "skip"}
# Jedna data może mieć wiele zapisów. Cztery losowe liczby z $[0, 1)$ wybierają: początek
# (dzień tygodnia, „dnia” albo nic), zapis dnia (słowa lub cyfry), zapis miesiąca (słowo lub
# cyfry rzymskie, te drugie tylko przy dniu zapisanym cyframi) i zapis roku (słowa z „roku”,
# cyfry z „r.”, cyfry z „roku” albo same cyfry).

# %% slideshow={"slide_type": "skip"}
def date_in_polish(date, choice):
    """Zapis daty po polsku; choice to cztery liczby z [0, 1) wybierające wariant zapisu."""
    prefix, day_form, month_form, year_form = choice
    case = "gen" if 0.25 <= prefix < 0.4 else "nom"
    start = (f"{WEEKDAYS[date.weekday()]}, " if prefix < 0.25 else "dnia " if case == "gen" else "")
    day_in_words = day_form < 0.5
    day = ordinal(date.day, case) if day_in_words else str(date.day)
    month = ROMAN[date.month - 1] if not day_in_words and month_form < 0.3 else MONTHS[date.month - 1]
    if year_form < 0.45:
        year = year_in_words(date.year) + " roku"
    elif year_form < 0.7:
        year = f"{date.year} r."
    elif year_form < 0.85:
        year = f"{date.year} roku"
    else:
        year = str(date.year)
    return f"{start}{day} {month} {year}"


# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
assert year_in_words(1999) == "tysiąc dziewięćset dziewięćdziesiątego dziewiątego"
assert year_in_words(2000) == "dwutysięcznego"
assert year_in_words(2010) == "dwa tysiące dziesiątego"
assert year_in_words(1900) == "tysiąc dziewięćsetnego"
assert year_in_words(2001) == "dwa tysiące pierwszego"
assert year_in_words(2026) == "dwa tysiące dwudziestego szóstego"
assert year_in_words(1912) == "tysiąc dziewięćset dwunastego"
assert ordinal(2, "gen") == "drugiego" and ordinal(3, "gen") == "trzeciego"
assert ordinal(31) == "trzydziesty pierwszy" and ordinal(27, "gen") == "dwudziestego siódmego"
assert ([ordinal(n) for n in (1, 11, 20, 22, 30)]
        == ["pierwszy", "jedenasty", "dwudziesty", "dwudziesty drugi", "trzydziesty"])
assert (date_in_polish(datetime.date(2026, 11, 27), (0.9, 0.1, 0.5, 0.1))
        == "dwudziesty siódmy listopada dwa tysiące dwudziestego szóstego roku")
assert date_in_polish(datetime.date(2026, 11, 27), (0.1, 0.9, 0.1, 0.5)) == "piątek, 27 XI 2026 r."
assert (date_in_polish(datetime.date(2000, 1, 2), (0.3, 0.1, 0.5, 0.1))
        == "dnia drugiego stycznia dwutysięcznego roku")
assert date_in_polish(datetime.date(1900, 5, 3), (0.5, 0.9, 0.9, 0.9)) == "3 maja 1900"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Przykładowe pary
#
# Losujemy **różne** daty z lat 1900–2099 (jest ich 73 049) i dla każdej jeden zapis.

# %%
# NBVAL_CHECK_OUTPUT
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)


def make_pairs(n, seed):
    """n par (zdanie po polsku, data RRRR-MM-DD) dla n różnych losowych dat."""
    rng = np.random.default_rng(seed)
    offsets = rng.choice((LAST_DAY - FIRST_DAY).days + 1, size=n, replace=False)
    dates = [FIRST_DAY + datetime.timedelta(days=int(k)) for k in offsets]
    choices = rng.random((n, 4))
    return [date_in_polish(d, c) for d, c in zip(dates, choices)], [d.isoformat() for d in dates]


demo_sources, demo_targets = make_pairs(8, seed=5)
for source, target in zip(demo_sources, demo_targets):
    print(f"{source:<82} → {target}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Zbiory: uczący, walidacyjny, testowy
#
# Każda data trafia do dokładnie jednego zbioru, więc żadnego zdania testowego (ani nawet
# żadnej daty testowej) model nie widział przy uczeniu.

# %%
n_train, n_val, n_test = (4000, 500, 1000) if FAST else (20000, 2000, 4000)
sources, targets = make_pairs(n_train + n_val + n_test, seed=0)
train_src, val_src, test_src = (sources[:n_train], sources[n_train:n_train + n_val],
                                sources[n_train + n_val:])
train_tgt, val_tgt, test_tgt = (targets[:n_train], targets[n_train:n_train + n_val],
                                targets[n_train + n_val:])
print(f"par uczących: {len(train_src)}, walidacyjnych: {len(val_src)}, testowych: {len(test_src)}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
assert not set(test_tgt) & set(train_tgt) and not set(test_src) & set(train_src)
assert not set(val_tgt) & set(train_tgt) and len(set(targets)) == len(targets)
assert (LAST_DAY - FIRST_DAY).days + 1 == 73049

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Tokeny: słowa po stronie źródłowej, znaki po stronie docelowej
#
# - Zdanie źródłowe dzielimy na słowa; przecinek jest osobnym tokenem, a liczby dzielimy na
#   pojedyncze cyfry („2026” → `2 0 2 6`), żeby sieć nie musiała znać każdego roku osobno.
# - Cel dzielimy na znaki: cyfry i łącznik, plus znaczniki `<s>` i `</s>`.
# - Tokeny zamieniamy na numery; 0 to wypełnienie krótszych zdań, a słowo spoza słownika
#   dostaje numer `<unk>`.

# %%
def tokenize(sentence):
    """Dzieli zdanie na małe słowa, przecinki i pojedyncze cyfry."""
    tokens = []
    for word in sentence.lower().replace(",", " ,").split():
        tokens.extend(word if word.isdigit() else [word])
    return tokens


SOURCE_VOCAB = ["<pad>", "<unk>"] + sorted({t for s in train_src for t in tokenize(s)})
TARGET_VOCAB = ["<pad>", "<s>", "</s>"] + list("0123456789-")
SOURCE_INDEX = {token: i for i, token in enumerate(SOURCE_VOCAB)}
START, END = TARGET_VOCAB.index("<s>"), TARGET_VOCAB.index("</s>")
print(tokenize("piątek, 27 XI 2026 r."))
print(f"słownik źródłowy: {len(SOURCE_VOCAB)} tokenów, docelowy: {len(TARGET_VOCAB)}")

# %% [markdown] slideshow={"slide_type": "skip"}
# Zdania zamieniamy na macierze numerów tokenów. Wejście dekodera to cel poprzedzony `<s>`,
# a oczekiwane wyjście to ten sam cel zakończony `</s>`: przesunięcie o jeden krok potrzebne
# do *teacher forcing*.

# %% slideshow={"slide_type": "skip"}
def encode_sources(sentences):
    """Macierz numerów tokenów zdań źródłowych, wypełniona zerami do najdłuższego zdania."""
    token_lists = [tokenize(s) for s in sentences]
    ids = np.zeros((len(token_lists), max(1, *map(len, token_lists))), dtype="int32")
    for row, tokens in zip(ids, token_lists):
        row[:len(tokens)] = [SOURCE_INDEX.get(t, 1) for t in tokens]
    return ids


def encode_targets(dates):
    """Wejście dekodera (<s> + znaki) i oczekiwane wyjście (znaki + </s>) dla dat RRRR-MM-DD."""
    chars = np.array([[TARGET_VOCAB.index(c) for c in d] for d in dates], dtype="int32")
    column = np.ones((len(dates), 1), dtype="int32")
    return np.hstack([START * column, chars]), np.hstack([chars, END * column])


x_train, x_val, x_test = encode_sources(train_src), encode_sources(val_src), encode_sources(test_src)
(dec_in_train, y_train), (dec_in_val, y_val) = encode_targets(train_tgt), encode_targets(val_tgt)
test_lengths = (x_test != 0).sum(axis=1)
print(f"wejścia uczące {x_train.shape}, wejścia dekodera {dec_in_train.shape}, cele {y_train.shape}")
print(f"długości zdań testowych: od {test_lengths.min()} do {test_lengths.max()} tokenów")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
assert (x_test == 1).sum() == 0, "w zdaniach testowych są tokeny spoza słownika"
assert (dec_in_train[:, 1:] == y_train[:, :-1]).all()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Model ciąg do ciągu w Kerasie
#
# - Koder: warstwa `Embedding` (token → wektor 32 liczb) i GRU z 64 neuronami; jego
#   ostatni stan to reprezentacja całego zdania.
# - Dekoder: `Embedding` dla znaków, GRU startująca od ostatniego stanu kodera i warstwa
#   gęsta z softmaxem nad 14 tokenami docelowymi.
# - Trzy modele Keras ze wspólnymi warstwami: do uczenia (z *teacher forcing*), koder
#   i jeden krok dekodera (do tłumaczenia).

# %% [markdown] slideshow={"slide_type": "skip"}
# Funkcja `build_translator` buduje oba warianty: bez mechanizmu uwagi i z nim (część dotyczącą
# uwagi omówimy dalej). Maska `src_mask` mówi, które pozycje zdania źródłowego są prawdziwymi
# tokenami, a które wypełnieniem: GRU kodera pomija wypełnienie dzięki `mask_zero=True`,
# a warstwa uwagi dostaje maskę jawnie.

# %% slideshow={"slide_type": "skip"}
EMBED_DIM, UNITS_RNN = 32, 64


def build_translator(use_attention):
    """Zwraca (model do uczenia, koder, krok dekodera) ze wspólnymi warstwami."""
    source_embedding = layers.Embedding(len(SOURCE_VOCAB), EMBED_DIM, mask_zero=True)
    encoder_gru = layers.GRU(UNITS_RNN, return_sequences=True, return_state=True)
    target_embedding = layers.Embedding(len(TARGET_VOCAB), 16)
    decoder_gru = layers.GRU(UNITS_RNN, return_sequences=True, return_state=True)
    attention = layers.AdditiveAttention() if use_attention else None
    output_layer = layers.Dense(len(TARGET_VOCAB), activation="softmax")

    def decoder_head(decoder_states, encoder_states, src_mask):
        """Rozkład następnego znaku (i wagi uwagi) z wyjść GRU dekodera."""
        if attention is None:
            return output_layer(decoder_states), None
        context, weights = attention([decoder_states, encoder_states], mask=[None, src_mask],
                                     return_attention_scores=True)
        return output_layer(layers.Concatenate()([decoder_states, context])), weights

    src = keras.Input(shape=(None,), dtype="int32", name="source")
    src_mask = keras.ops.not_equal(src, 0)
    encoder_states, encoder_state = encoder_gru(source_embedding(src))
    dec_in = keras.Input(shape=(None,), dtype="int32", name="decoder_input")
    decoder_states, _ = decoder_gru(target_embedding(dec_in), initial_state=encoder_state)
    probs, _ = decoder_head(decoder_states, encoder_states, src_mask)
    trainer = keras.Model([src, dec_in], probs)
    encoder = keras.Model(src, [encoder_states, encoder_state])

    prev_char = keras.Input(shape=(1,), dtype="int32")
    state = keras.Input(shape=(UNITS_RNN,))
    memory = keras.Input(shape=(None, UNITS_RNN))
    memory_mask = keras.Input(shape=(None,), dtype="bool")
    step_states, new_state = decoder_gru(target_embedding(prev_char), initial_state=state)
    step_probs, step_weights = decoder_head(step_states, memory, memory_mask)
    outputs = [step_probs, new_state] + ([step_weights] if use_attention else [])
    step = keras.Model([prev_char, state, memory, memory_mask], outputs)
    return trainer, encoder, step


# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Dekodowanie zachłanne dla całej paczki zdań
#
# Koder czyta wszystkie zdania naraz; potem w każdym z 11 kroków (10 znaków i `</s>`)
# krok dekodera dostaje poprzednie znaki i stany wszystkich zdań, a najbardziej
# prawdopodobny znak staje się wejściem następnego kroku.

# %% [markdown] slideshow={"slide_type": "fragment"}
# Miara: dokładne dopasowanie (*exact match*), czyli odsetek dat przetłumaczonych bezbłędnie,
# co do znaku. Data z jedną złą cyfrą to zła data.

# %% [markdown] slideshow={"slide_type": "skip"}
# Funkcja `greedy_decode` wykonuje tę pętlę; zwraca tłumaczenia jako napisy (ucięte na `</s>`)
# i, dla modelu z mechanizmem uwagi, wagi z każdego kroku. Funkcja `exact_match` liczy odsetek
# tłumaczeń zgodnych z celem.

# %% slideshow={"slide_type": "skip"}
def greedy_decode(encoder, step, sources, max_steps=11):
    """Tłumaczy listę zdań krok po kroku, wszystkie naraz; zwraca (napisy, wagi uwagi)."""
    x = encode_sources(sources)
    encoder_states, state = encoder(x, training=False)
    memory = keras.ops.convert_to_tensor(np.asarray(encoder_states))
    mask = keras.ops.convert_to_tensor(x != 0)
    prev_char = keras.ops.convert_to_tensor(np.full((len(x), 1), START, dtype="int32"))
    chars, weights = [], []
    for _ in range(max_steps):
        outputs = step([prev_char, state, memory, mask], training=False)
        prev_char = keras.ops.cast(keras.ops.argmax(outputs[0], axis=-1), "int32")
        state = outputs[1]
        chars.append(np.asarray(prev_char)[:, 0])
        if len(outputs) == 3:
            weights.append(np.asarray(outputs[2])[:, 0])
    chars = np.stack(chars, axis=1)
    texts = ["".join(TARGET_VOCAB[c] for c in row).split("</s>")[0] for row in chars]
    return texts, (np.stack(weights, axis=1) if weights else None)


def exact_match(predicted, expected):
    """Odsetek tłumaczeń zgodnych z celem co do znaku."""
    return float(np.mean(np.array(predicted) == np.array(expected)))


# %% [markdown] slideshow={"slide_type": "skip"}
# Uczymy optymalizatorem Adam z entropią krzyżową. Po każdej epoce tłumaczymy zbiór walidacyjny
# i zapisujemy dokładne dopasowanie, a po uczeniu drukujemy jedną linię podsumowania.

# %% slideshow={"slide_type": "skip"}
EPOCHS = 7 if FAST else 12
BATCH_SIZE = 64 if FAST else 128


class ValidationExactMatch(keras.callbacks.Callback):
    """Po każdej epoce tłumaczy zbiór walidacyjny i zapisuje dokładne dopasowanie."""

    def __init__(self, encoder, step):
        super().__init__()
        self.encoder, self.step, self.scores = encoder, step, []

    def on_epoch_end(self, epoch, logs=None):
        self.scores.append(exact_match(greedy_decode(self.encoder, self.step, val_src)[0], val_tgt))


def train_translator(trainer, encoder, step, name):
    """Uczy model z teacher forcing; zwraca (czas w s, dokładne dopasowanie walidacji po epokach)."""
    trainer.compile(optimizer=keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy")
    tracker = ValidationExactMatch(encoder, step)
    start = time.perf_counter()
    history = trainer.fit([x_train, dec_in_train], y_train, validation_data=([x_val, dec_in_val], y_val),
                          batch_size=BATCH_SIZE, epochs=EPOCHS, verbose=0, callbacks=[tracker])
    seconds = time.perf_counter() - start
    print(f"{name}: {EPOCHS} epok, strata uczenia {history.history['loss'][-1]:.4f}, walidacji "
          f"{history.history['val_loss'][-1]:.4f}, dokładne dopasowanie walidacji {tracker.scores[-1]:.3f}, "
          f"{seconds:.0f} s")
    return seconds, tracker.scores


# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie
#
# Model bez mechanizmu uwagi uczymy na parach uczących; po każdej epoce sprawdzamy dokładne
# dopasowanie na zbiorze walidacyjnym.

# %% tags=["remove-stderr"]
keras.utils.set_random_seed(0)
seq2seq, seq2seq_encoder, seq2seq_step = build_translator(use_attention=False)
seq2seq_seconds, seq2seq_curve = train_translator(seq2seq, seq2seq_encoder, seq2seq_step, "seq2seq")
print(f"parametry: {seq2seq.count_params():,}".replace(",", " "))

# %%
start = time.perf_counter()
seq2seq_pred, _ = greedy_decode(seq2seq_encoder, seq2seq_step, test_src)
seq2seq_exact = exact_match(seq2seq_pred, test_tgt)
print(f"seq2seq: {len(test_src)} zdań testowych w {time.perf_counter() - start:.1f} s, "
      f"dokładne dopasowanie {seq2seq_exact:.3f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Przykładowe tłumaczenia
#
# Kilka zdań testowych; ✗ oznacza błąd.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def show_translations(sources, *columns):
    """Drukuje tabelę: zdanie źródłowe i kolumny (nagłówek, tłumaczenia[, cele do oceny])."""
    header = f"{'zdanie źródłowe':<60}" + "".join(f"{name:>14}" for name, *_ in columns)
    print(header)
    for i, source in enumerate(sources):
        short = source if len(source) <= 58 else source[:55] + "…"
        cells = []
        for name, texts, *expected in columns:
            mark = " ✗" if expected and texts[i] != expected[0][i] else "  "
            cells.append(f"{texts[i] + mark:>14}")
        print(f"{short:<60}" + "".join(cells))


# %%
show_translations(test_src[:8], ("cel", test_tgt), ("seq2seq", seq2seq_pred, test_tgt))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wypróbuj sam
#
# ✏️ **Zmień zdania w komórce poniżej** i uruchom ją ponownie (oraz komórkę porównującą oba
# modele w dalszej części). Słowa spoza słownika model zobaczy jako `<unk>`.

# %%
# ✏️ Tu wpisz własne daty po polsku:
MY_SENTENCES = [
    "dwudziesty siódmy listopada dwa tysiące dwudziestego szóstego roku",
    "piątek, 27 XI 2026 r.",
    "dnia pierwszego stycznia dwutysięcznego roku",
    "jedenasty listopada tysiąc dziewięćset osiemnastego roku",
    "trzeci maja 1791 roku",
]
my_seq2seq, _ = greedy_decode(seq2seq_encoder, seq2seq_step, MY_SENTENCES)
show_translations(MY_SENTENCES, ("seq2seq", my_seq2seq))

# %% [markdown] slideshow={"slide_type": "notes"}
# Ostatnie zdanie jest spoza zakresu danych (rok 1791): w danych uczących druga cyfra roku
# to zawsze 9 albo 0. Warto zapytać studentów, czego się spodziewają, zanim zobaczą wynik.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Mechanizm uwagi
#
# - Bez mechanizmu uwagi całe zdanie, niezależnie od długości, musi się zmieścić w jednym wektorze
#   stanu $h$: to **wąskie gardło**. Jakość takich tłumaczeń wyraźnie spada wraz z długością
#   zdania (Bahdanau i in. 2014, rys. 2).
# - Bahdanau i in. (2014): dekoder w każdym kroku $t$ patrzy na **wszystkie** stany
#   kodera $h_1, \ldots, h_S$ i sam wybiera, które są teraz ważne.

# %% mystnb={"image": {"alt": "Ten sam schemat koder–dekoder dla zdania „Ala ma kota” → „Ala has a cat”, z dodanymi niebieskimi łukami uwagi: łuki od wszystkich trzech komórek kodera zbiegają się w kółku c_t (wektor kontekstu), z którego strzałka prowadzi do kroku dekodera wypisującego słowo „cat”; najgrubszy łuk wychodzi od komórki, która przeczytała „kota”. Obok wzór c_t = suma po j wag α_tj razy stany h_j."}} tags=["remove-input"]
draw_translation_model(attention=True)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Jak liczymy wagi uwagi
#
# W kroku $t$ stan dekodera $s_t$ porównujemy z każdym stanem kodera $h_j$:
#
# $$e_{tj} = v^\top \tanh(W s_t + U h_j), \qquad
#   \alpha_{tj} = \frac{\exp e_{tj}}{\sum_k \exp e_{tk}}, \qquad
#   c_t = \sum_j \alpha_{tj} h_j .$$
#
# - Wagi $\alpha_{tj}$ są dodatnie i sumują się do 1: to rozkład uwagi na słowach źródła.
# - Wektor kontekstu $c_t$ łączymy z $s_t$ i dopiero z nich przewidujemy znak $y_t$, jak
#   u Luonga i in. (2015); u Bahdanau i in. $c_t$ wchodzi też na wejście GRU dekodera.
# - W Kerasie: `AdditiveAttention` liczy uproszczone $e_{tj} = v^\top \tanh(s_t + h_j)$ (rolę $W$
#   i $U$ przejmują warstwy GRU), a `Attention` iloczyn skalarny $s_t^\top h_j$ (Luong i in.).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie modelu z mechanizmem uwagi
#
# Ten sam koder, dekoder, dane, liczba epok i ziarno losowania; dochodzi tylko warstwa
# `AdditiveAttention` i połączenie kontekstu ze stanem dekodera.

# %% tags=["remove-stderr"]
keras.utils.set_random_seed(0)
attention_model, attention_encoder, attention_step = build_translator(use_attention=True)
attention_seconds, attention_curve = train_translator(attention_model, attention_encoder, attention_step,
                                                      "z uwagą")
attention_pred, test_weights = greedy_decode(attention_encoder, attention_step, test_src)
attention_exact = exact_match(attention_pred, test_tgt)
print(f"z uwagą: dokładne dopasowanie {attention_exact:.3f} na {len(test_src)} zdaniach testowych")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
assert attention_exact >= (0.6 if FAST else 0.99), attention_exact
assert attention_exact >= seq2seq_exact, (attention_exact, seq2seq_exact)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Porównanie
#
# Oba modele na tych samych zdaniach testowych.

# %%
print(f"{'model':<12}{'parametry':>11}{'uczenie [s]':>13}{'dokładne dopasowanie':>22}")
for name, model, seconds, score in [("seq2seq", seq2seq, seq2seq_seconds, seq2seq_exact),
                                    ("z uwagą", attention_model, attention_seconds, attention_exact)]:
    print(f"{name:<12}{model.count_params():>11}{seconds:>13.0f}{score:>22.3f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Mechanizm uwagi dodaje niewiele parametrów, a błędów jest wielokrotnie mniej: dekoder nie musi
# pamiętać całego zdania, bo w każdej chwili może do niego zajrzeć.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Krzywe uczenia
#
# Dokładne dopasowanie na zbiorze walidacyjnym po każdej epoce uczenia.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def plot_both_models(x, curves, xlabel, ylabel, title, legend_loc):
    """Krzywe obu modeli (seq2seq i z uwagą) na jednym wykresie, oś pionowa od 0 do 1."""
    fig, ax = plt.subplots(figsize=(6.5, 3.2))
    for (name, curve), marker in zip(curves.items(), "os"):
        ax.plot(x, curve, marker=marker, label=name)
    ax.set(xlabel=xlabel, ylabel=ylabel, ylim=(0, 1.02), title=title)
    ax.set_xticks(x)
    ax.grid(alpha=0.3)
    ax.legend(loc=legend_loc)
    plt.show()


# %% mystnb={"image": {"alt": "Wykres liniowy: oś pozioma to numer epoki uczenia, oś pionowa to odsetek dat ze zbioru walidacyjnego przetłumaczonych bezbłędnie. Model z mechanizmem uwagi już po kilku epokach dochodzi niemal do 1 i tam zostaje; model seq2seq bez mechanizmu uwagi rośnie powoli i przez całe uczenie pozostaje wyraźnie niżej."}} tags=["remove-input"]
plot_both_models(np.arange(1, EPOCHS + 1), {"seq2seq": seq2seq_curve, "z uwagą": attention_curve},
                 "epoka", "dokładne dopasowanie (walidacja)",
                 "Model z mechanizmem uwagi uczy się znacznie szybciej", "center right")

# %% [markdown] slideshow={"slide_type": "notes"}
# Zadanie jest proste, więc przy większej sieci i dłuższym uczeniu także model bez mechanizmu
# uwagi dochodzi do niemal bezbłędnych tłumaczeń (warto to sprawdzić, zmieniając `UNITS_RNN`
# i `EPOCHS`). Różnica polega na tym, jak łatwo jest się tego nauczyć: z mechanizmem uwagi każdy
# krok dekodera może po prostu „przepisać” potrzebne cyfry z właściwego miejsca zdania, a bez niego
# cała data musi się zmieścić w jednym wektorze.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Trafność a długość zdania
#
# Czy dłuższe zdania są trudniejsze? Dokładne dopasowanie w zależności od liczby tokenów zdania
# źródłowego (pomijamy długości, które mają mniej niż 20 zdań testowych).

# %% slideshow={"slide_type": "skip"}
lengths = np.unique(test_lengths)
lengths = lengths[[np.sum(test_lengths == n) >= 20 for n in lengths]]
accuracy_by_length = {
    name: [exact_match(np.array(pred)[test_lengths == n], np.array(test_tgt)[test_lengths == n])
           for n in lengths]
    for name, pred in [("seq2seq", seq2seq_pred), ("z uwagą", attention_pred)]
}
for n, seq2seq_acc, attention_acc in zip(lengths, *accuracy_by_length.values()):
    print(f"{n} tokenów: {np.sum(test_lengths == n)} zdań, seq2seq {seq2seq_acc:.3f}, "
          f"z uwagą {attention_acc:.3f}")

# %% mystnb={"image": {"alt": "Wykres liniowy: oś pozioma to liczba tokenów zdania źródłowego, oś pionowa to odsetek dat przetłumaczonych bezbłędnie na zbiorze testowym. Linia modelu z mechanizmem uwagi leży przy samej górze, blisko 1, dla wszystkich długości; linia modelu seq2seq bez mechanizmu uwagi leży wyraźnie niżej, około 0,8, i prawie nie zależy od długości zdania."}} tags=["remove-input"]
plot_both_models(lengths, accuracy_by_length, "długość zdania źródłowego [tokeny]", "dokładne dopasowanie",
                 "Trafność na zbiorze testowym a długość zdania", "lower left")

# %% [markdown] slideshow={"slide_type": "notes"}
# Nasze zdania mają od 4 do 10 tokenów i w tym zakresie trafność modelu bez mechanizmu
# uwagi prawie nie zależy od długości: jego błędy biorą się stąd, że cała data musi przejść przez
# jeden wektor stanu, a nie z samej długości zdania. W prawdziwym tłumaczeniu, ze zdaniami
# po kilkadziesiąt słów, Bahdanau i in. (2014, rys. 2) pokazali wyraźny spadek jakości modelu
# bez mechanizmu uwagi dla długich zdań, a model z nim prawie go nie miał. Dla skrajnych
# długości punkty są mniej pewne, bo zdań jest tam mniej.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Mapa wag uwagi
#
# Wagi $\alpha_{tj}$ dla jednego zdania testowego: wiersz to znak wyniku, kolumna to token
# źródła. Ciemne pole to token, na który dekoder patrzył, pisząc dany znak.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_attention_map(source, translation, weights):
    """Mapa cieplna wag uwagi: wiersze to znaki wyniku, kolumny to tokeny źródła."""
    tokens = tokenize(source)
    rows = list(translation) + ["</s>"]
    fig, ax = plt.subplots(figsize=(7, 3.6))
    image = ax.imshow(weights[:len(rows), :len(tokens)], cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(tokens)), tokens, rotation=40, ha="right", fontsize=9)
    ax.set_yticks(range(len(rows)), rows, fontsize=9)
    ax.set(xlabel="zdanie źródłowe", ylabel="wynik")
    ax.set_title(f"{translation}", fontsize=10)
    fig.colorbar(image, ax=ax, fraction=0.03, label="waga α")
    plt.show()


# %% slideshow={"slide_type": "skip"}
example = "niedziela, dwudziesty ósmy lutego tysiąc dziewięćset czterdziestego ósmego roku"
(example_translation,), example_weights = greedy_decode(attention_encoder, attention_step, [example])
print(f"{example} → {example_translation}")

# %% mystnb={"image": {"alt": "Mapa cieplna wag uwagi dla zdania „niedziela, dwudziesty ósmy lutego tysiąc dziewięćset czterdziestego ósmego roku” przetłumaczonego na 1948-02-28. Kolumny to tokeny źródła, wiersze to kolejne znaki wyniku. Cyfry 4 i 8 roku mają największe wagi na słowach „czterdziestego” i „ósmego”, cyfry miesiąca 0 i 2 na słowie „lutego”, cyfry dnia 2 i 8 na słowach „dwudziesty” i „ósmy”; przy pierwszych cyfrach roku, 1 i 9, wagi są rozmyte, a dzień tygodnia i słowo „roku” dostają wagi bliskie zera."}} tags=["remove-input"]
draw_attention_map(example, example_translation, example_weights[0])

# %% [markdown] slideshow={"slide_type": "notes"}
# Nikt nie uczył modelu, które słowo odpowiada której cyfrze: wagi uwagi wynikają tylko
# z minimalizacji błędu tłumaczenia. Mimo to dekoder, pisząc dwie ostatnie cyfry roku, patrzy
# na słowa „czterdziestego” i „ósmego”, pisząc miesiąc — na „lutego”, a dzień — na „dwudziesty
# ósmy”. Pierwsze cyfry roku (19) model bierze raczej ze swojego stanu, więc wagi są tam
# rozmyte. Dzień tygodnia jest zbędny (wynika z daty), więc model go pomija. W prawdziwym
# tłumaczeniu taka mapa pokazuje **dopasowanie słów** obu języków, także gdy ich kolejność
# w obu zdaniach jest różna.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Własne zdania: oba modele
#
# Zdania z komórki ✏️ wyżej, przetłumaczone przez oba modele.

# %%
my_attention, _ = greedy_decode(attention_encoder, attention_step, MY_SENTENCES)
show_translations(MY_SENTENCES, ("seq2seq", my_seq2seq), ("z uwagą", my_attention))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Jak rozwijała się dziedzina
#
# - **Transformer** (Vaswani i in. 2017) porzucił sieci rekurencyjne: koder i dekoder
#   składają się z samych warstw uwagi, także między słowami tego samego zdania.
#   Wszystkie pozycje liczy się równolegle, więc uczenie na dużych korpusach jest dużo szybsze.
# - **Podsłowa**: słownik słów jest za duży i nie zna nowych słów, a znaki są za drobne.
#   Kodowanie par bajtów (BPE, *byte pair encoding*; Sennrich i in. 2016) buduje słownik
#   z częstych kawałków słów, np. „tłumacz” + „enie”; takich słowników używają też dzisiejsze
#   duże modele językowe.
# - **BLEU** (Papineni i in. 2002): zdanie ma wiele dobrych tłumaczeń, więc dokładne dopasowanie
#   nie wystarcza. BLEU liczy, ile $n$-gramów (1–4 słów) tłumaczenia występuje w tłumaczeniach
#   wzorcowych, z karą za zbyt krótkie zdania.
# - Zamiast dekodowania zachłannego stosuje się przeszukiwanie wiązkowe.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Literatura
#
# - Sutskever, Vinyals, Le (2014), „Sequence to Sequence Learning with Neural Networks”:
#   [arXiv:1409.3215](https://arxiv.org/abs/1409.3215)
# - Cho i in. (2014), model koder–dekoder z GRU: [arXiv:1406.1078](https://arxiv.org/abs/1406.1078)
# - Bahdanau, Cho, Bengio (2014), mechanizm uwagi w tłumaczeniu:
#   [arXiv:1409.0473](https://arxiv.org/abs/1409.0473)
# - Luong, Pham, Manning (2015), warianty mechanizmu uwagi:
#   [arXiv:1508.04025](https://arxiv.org/abs/1508.04025)
# - Vaswani i in. (2017), Transformer: [arXiv:1706.03762](https://arxiv.org/abs/1706.03762)
# - Sennrich, Haddow, Birch (2016), podsłowa BPE: [arXiv:1508.07909](https://arxiv.org/abs/1508.07909)
# - Papineni i in. (2002), miara BLEU: [ACL P02-1040](https://aclanthology.org/P02-1040/)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Ćwiczenia
#
# Rozwiązania są w notatniku i na stronie, zwinięte pod każdym zadaniem.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 1.** Na których znakach daty RRRR-MM-DD mylą się oba modele? Policz odsetek
# błędnych znaków na każdej z 10 pozycji w zbiorze testowym. Co sprawia trudność modelowi
# bez mechanizmu uwagi?

# %% jupyter={"source_hidden": true} cellView="form" slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
def position_errors(predicted, expected):
    """Odsetek błędnych znaków na każdej z 10 pozycji (krótsze wyniki dopełnione spacjami)."""
    pred = np.array([list(p[:10].ljust(10)) for p in predicted])
    return (pred != np.array([list(t) for t in expected])).mean(axis=0)


print("pozycja:   " + "".join(f"{c:>7}" for c in "RRRR-MM-DD"))
for name, pred in [("seq2seq", seq2seq_pred), ("z uwagą", attention_pred)]:
    print(f"{name:<11}" + "".join(f"{e:>7.1%}" for e in position_errors(pred, test_tgt)))
# Model z mechanizmem uwagi prawie się nie myli. Model bez niego (w trybie pełnym) prawie zawsze
# podaje dobrze łączniki i rok, a myli się głównie na drugiej cyfrze miesiąca i dnia. Rok
# przeczytał na końcu zdania, tuż przed pisaniem, a dzień i miesiąc na początku: musi je
# przenieść w jednym wektorze stanu przez całe zdanie i jeszcze przez kilka kroków dekodera.
# Pierwszą cyfrę miesiąca (0 albo 1) i dnia (0–3) łatwiej zgadnąć niż drugą.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 2.** Przetłumacz zapisy, których nie było w danych: rok spoza lat 1900–2099,
# datę bez roku, wielkie litery, nieistniejący dzień „31 lutego”. Które błędy są zrozumiałe,
# a które pokazują, że model nie „rozumie” dat?

# %% jupyter={"source_hidden": true} cellView="form" slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
unusual = ["piętnasty lipca tysiąc czterysta dziesiątego roku", "15 lipca 1410 r.",
           "27 listopada", "DWUDZIESTY SIÓDMY LISTOPADA 2026 R.", "31 lutego 2024 r.",
           "dwudziesty dziewiąty lutego 2023 roku"]
show_translations(unusual, ("seq2seq", greedy_decode(seq2seq_encoder, seq2seq_step, unusual)[0]),
                  ("z uwagą", greedy_decode(attention_encoder, attention_step, unusual)[0]))
# Wielkie litery nie szkodzą, bo tokenize() zamienia je na małe. Słowa „czterysta” nie ma
# w słowniku (<unk>), więc rok 1410 zapisany słowami nie ma szans; zapisany cyframi też nie:
# model z mechanizmem uwagi przepisuje końcówkę roku, ale początek zgaduje z tego, co
# widział (19 albo 20). Bez roku modele wypisują coś o złej długości albo zmyślają rok. „31 lutego”
# i „29 lutego 2023” oba modele przepisują posłusznie, choć takich dni nie ma: nauczyły się
# tłumaczyć tekst, a kalendarza nie znają.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 3.** Ile parametrów ma warstwa GRU kodera (wejście 32, stan 64)? Każda
# z trzech części GRU (dwie bramki i kandydat na nowy stan) ma wagi wejścia, wagi stanu i w Kerasie
# dwa wektory wyrazów wolnych. Policz i sprawdź `count_params()`.

# %% jupyter={"source_hidden": true} cellView="form" slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
n_in, n_state = EMBED_DIM, UNITS_RNN
by_formula = 3 * (n_in * n_state + n_state * n_state + 2 * n_state)
encoder_gru_layer = [layer for layer in seq2seq_encoder.layers if isinstance(layer, layers.GRU)][0]
print(f"wzór: 3 · ({n_in}·{n_state} + {n_state}·{n_state} + 2·{n_state}) = {by_formula}")
print(f"Keras: {encoder_gru_layer.count_params()}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Podsumowanie
#
# W tym notatniku:
# - NMT to model koder–dekoder: koder zamienia zdanie źródłowe na reprezentację,
#   dekoder pisze z niej tłumaczenie token po tokenie;
# - uczymy go z *teacher forcing*, a tłumaczymy pętlą dekodowania zachłannego, od razu dla całej
#   paczki zdań;
# - daty zapisane po polsku słowami, z poprawną odmianą, dały zadanie tłumaczenia, które
#   nie potrzebuje żadnych plików, a sieć uczy się go w minutę lub dwie;
# - model bez mechanizmu uwagi musi zmieścić całe zdanie w jednym wektorze: uczy się dużo
#   wolniej i myli się częściej; z mechanizmem uwagi po kilku epokach tłumaczy niemal
#   bezbłędnie, a mapa wag pokazuje, na które słowa patrzy;
# - współczesne systemy to Transformery na podsłowach, oceniane m.in. miarą BLEU.

# %% [markdown] slideshow={"slide_type": "skip"}
# Najważniejsze liczby notatnika, po jednej w wierszu:

# %% slideshow={"slide_type": "skip"}
print(f"seq2seq_exact_match: {seq2seq_exact:.4f}")
print(f"attention_exact_match: {attention_exact:.4f}")
print(f"seq2seq_params: {seq2seq.count_params()}")
print(f"attention_params: {attention_model.count_params()}")
print(f"seq2seq_train_seconds: {seq2seq_seconds:.1f}")
print(f"attention_train_seconds: {attention_seconds:.1f}")
print(f"epochs: {EPOCHS}")
print(f"train_pairs: {len(train_src)}")
print(f"val_pairs: {len(val_src)}")
print(f"test_pairs: {len(test_src)}")
print(f"fast_mode: {FAST}")
