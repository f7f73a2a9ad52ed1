# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: kernelspec,jupytext,rise,topic
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
#     center: false
#     height: 720
#     scroll: true
#     slideNumber: c/t
#     theme: white
#     transition: none
#     width: 1280
#   topic:
#     result: 'BLEU na zbiorze testowym: {bleu_seq2seq} (GRU), {bleu_attention} (z uwagą), {bleu_transformer}
#       (Transformer)'
#     summary: 'Koder–dekoder na datach zapisanych słowami (wąskie gardło, mapa uwagi), potem zdania
#       z polskiego na angielski z przypadkami, szykiem OVS i przeczeniem: GRU, GRU z mechanizmem
#       uwagi i mały Transformer, BLEU i chrF, przeszukiwanie wiązkowe.'
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 5.5 Neuronowe tłumaczenie maszynowe (NMT)
# **Uczenie maszynowe · wykład 5**
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
# - zadanie główne: zdania z polskiego na angielski z generatora, który zna odmianę, rodzaj,
#   szyk, przeczenie i liczebniki; trzy modele (GRU, GRU z mechanizmem uwagi, mały Transformer),
#   miary BLEU i chrF, przeszukiwanie wiązkowe i mapy uwagi,
# - jak rozwijała się dziedzina: podsłowa i prawdziwe korpusy.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # bez komunikatów TF przy imporcie
FAST = os.environ.get("COURSE_FAST") == "1"  # tryb szybki: mało danych i epok (CI)

# %% [markdown] slideshow={"slide_type": "skip"}
# Potrzebne biblioteki: NumPy do rachunków, pandas do tabel, Keras do sieci neuronowych,
# Matplotlib do rysunków, `datetime` z biblioteki standardowej do dni tygodnia i `sacrebleu`
# do miar BLEU i chrF (w Colab instalujemy ją przez `pip`). Notatnik nie wczytuje żadnych
# plików: dane tworzy sam.

# %% slideshow={"slide_type": "skip"} tags=["remove-stderr"]
import datetime
import re
import subprocess
import sys
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers
from matplotlib.patches import FancyBboxPatch, Rectangle

plt.rcParams["figure.dpi"] = 80
# %config InlineBackend.figure_formats = ["retina"]  # rysunki w podwójnej rozdzielczości: ostre na slajdach
try:
    import sacrebleu
except ImportError:  # np. w Colab
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "sacrebleu==2.6.0"], check=True)
    import sacrebleu

# %% [markdown] slideshow={"slide_type": "notes"}
# Plan wykładu: najpierw proste zadanie z datami, na którym dobrze widać, po co jest mechanizm
# uwagi, potem zdania z polskiego na angielski i porównanie trzech modeli. Wszystkie dane notatnik
# tworzy sam, więc każdy może go uruchomić bez pobierania korpusów. Zapytaj salę: kto z was
# korzystał z tłumacza internetowego i w jakich zdaniach zauważyliście najwięcej błędów?

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

# %% [markdown] slideshow={"slide_type": "notes"}
# Podkreśl, że zdanie źródłowe i docelowe mają zwykle różną długość, więc nie wystarczy sieć,
# która dla każdego słowa wejścia wypisuje jedno słowo wyjścia. Przypomnij schematy wiele do wielu
# z tematu 5.1 i wskaż wariant z opóźnieniem: najpierw czytamy całe zdanie, dopiero potem piszemy.
# Zapytaj salę: dlaczego przy zdaniu „Psa widzi kot.” nie da się dobrze zacząć tłumaczenia zaraz
# po pierwszym słowie?

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


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat neuronowego tłumaczenia koder–dekoder: po lewej trzy komórki GRU kodera czytają kolejno słowa „Ala”, „ma”, „kota”; ostatni stan kodera, oznaczony h, przechodzi czerwoną strzałką do dekodera. Po prawej pięć komórek GRU dekodera dostaje na wejściu znacznik <s> i kolejne słowa tłumaczenia, a wypisuje „Ala has a cat </s>”; przerywane strzałki prowadzą od każdego wypisanego słowa do wejścia następnego kroku."}} tags=["remove-input"]
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

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż przesunięcie o jeden krok: na wejściu dekodera `<s> Ala has a cat`, na wyjściu
# `Ala has a cat </s>`. Ponieważ poprawne poprzednie słowa znamy z góry, wszystkie kroki dekodera
# liczymy jednym wywołaniem modelu, bez pętli dekodowania w Pythonie. Zapytaj salę: co by się działo na początku uczenia,
# gdyby dekoder dostawał własne, jeszcze przypadkowe przewidywania? Uczyłby się dopisywać dalszy
# ciąg do błędnych początków zdań.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Tłumaczenie: dekodowanie zachłanne
#
# - Gdy tłumaczymy nowe zdanie, poprawnego wyniku nie znamy, więc dekoder dostaje **własne**
#   poprzednie wyjście (przerywane strzałki na rysunku).
# - Dekodowanie zachłanne: w każdym kroku wybieramy najbardziej prawdopodobne słowo
#   i podajemy je dalej, aż do `</s>`.
# - To pętla w Pythonie, krok po kroku, ale dla **całej paczki zdań naraz**.
# - Alternatywą jest przeszukiwanie wiązkowe (*beam search*): pamięta kilka najlepszych
#   częściowych tłumaczeń zamiast jednego. Czy to pomaga, zmierzymy niżej.

# %% [markdown] slideshow={"slide_type": "notes"}
# Tu widać różnicę między uczeniem a tłumaczeniem: przy tłumaczeniu poprawnej odpowiedzi nie
# znamy, więc dekoder dostaje własne poprzednie słowo (przerywane strzałki na rysunku). Błąd z
# początku przenosi się na dalsze kroki, a dekodowanie zachłanne nie może się już wycofać. Zapytaj
# salę: czy wybór najbardziej prawdopodobnego słowa w każdym kroku zawsze daje najbardziej
# prawdopodobne całe zdanie? Nie musi; przy przeszukiwaniu wiązkowym sprawdzimy, czy szersze
# szukanie poprawia wynik.

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

# %% [markdown] slideshow={"slide_type": "notes"}
# Daty wybraliśmy dlatego, że notatnik tworzy je sam, a mała sieć uczy się ich szybko na zwykłym
# procesorze. Mimo prostoty zadanie ma to, co w tłumaczeniu ważne: wejście i wyjście różnej
# długości oraz informację, którą trzeba przenieść z innego miejsca (dzień stoi na początku
# zdania, a w wyniku na końcu). Zapytaj salę: jak napisalibyście taki konwerter regułami i ile
# przypadków trzeba by obsłużyć?

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
# sprawdzenie: przykładowe zapisy dat słowami
assert year_in_words(1999) == "tysiąc dziewięćset dziewięćdziesiątego dziewiątego"
assert year_in_words(2000) == "dwutysięcznego"
assert date_in_polish(datetime.date(2026, 11, 27), (0.1, 0.9, 0.1, 0.5)) == "piątek, 27 XI 2026 r."

# %% [markdown] slideshow={"slide_type": "notes"}
# Ten slajd pokazuje, że zadanie nie jest banalne: ten sam dzień ma różne formy zależnie od
# przypadku, a rok ma postać mieszaną, z liczebnikami głównymi w tysiącach i setkach oraz
# porządkowymi w dziesiątkach i jednościach. Przeczytaj na głos „tysiąc dziewięćset
# dziewięćdziesiątego dziewiątego roku” i „dwutysięcznego roku”. Zapytaj salę: jak zapisać słowami
# rok 1900? Sieć nie dostaje żadnej z tych reguł, musi je wyczytać z przykładów.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Przykładowe pary
#
# Losujemy **różne** daty z lat 1900–2099 (jest ich 73 049) i dla każdej jeden zapis.

# %% slideshow={"slide_type": "skip"}
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)


def make_pairs(n, seed):
    """n par (zdanie po polsku, data RRRR-MM-DD) dla n różnych losowych dat."""
    rng = np.random.default_rng(seed)
    offsets = rng.choice((LAST_DAY - FIRST_DAY).days + 1, size=n, replace=False)
    dates = [FIRST_DAY + datetime.timedelta(days=int(k)) for k in offsets]
    choices = rng.random((n, 4))
    return [date_in_polish(d, c) for d, c in zip(dates, choices)], [d.isoformat() for d in dates]


# %% tags=["nbval-check-output"]
demo_sources, demo_targets = make_pairs(8, seed=5)
for source, target in zip(demo_sources, demo_targets):
    print(f"{source:<82} → {target}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż na wydruku różne warianty zapisu: z dniem tygodnia („niedziela, 31 lipca…”), ze słowem
# „dnia” i dopełniaczem, z miesiącem zapisanym cyframi rzymskimi („23 I 2003”) i z rokiem
# zapisanym cyframi. Cel ma zawsze tę samą postać RRRR-MM-DD. Zapytaj salę: która część wejścia
# jest dla wyniku zbędna? Dzień tygodnia, bo wynika z samej daty.

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
# sprawdzenie: zbiory uczący, walidacyjny i testowy są rozłączne
assert not set(test_tgt) & set(train_tgt) and not set(test_src) & set(train_src)
assert not set(val_tgt) & set(train_tgt) and len(set(targets)) == len(targets)
assert (LAST_DAY - FIRST_DAY).days + 1 == 73049

# %% [markdown] slideshow={"slide_type": "notes"}
# Na wydruku: 20000 par uczących, 2000 walidacyjnych i 4000 testowych, każda z inną datą. Zbiór
# walidacyjny służy do śledzenia uczenia po każdej epoce, a testowy tylko do końcowej oceny.
# Zapytaj salę: dlaczego pilnujemy, żeby różne były nie tylko zdania, ale i same daty? Ta sama
# data w innym zapisie w obu zbiorach pozwoliłaby modelowi po prostu ją zapamiętać.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Tokeny: słowa po stronie źródłowej, znaki po stronie docelowej
#
# - Zdanie źródłowe dzielimy na słowa; przecinek jest osobnym tokenem, a liczby dzielimy na
#   pojedyncze cyfry („2026” → `2 0 2 6`), żeby sieć nie musiała znać każdego roku osobno.
# - Cel dzielimy na znaki: cyfry i łącznik, plus znaczniki `<s>` i `</s>`.
# - Tokeny zamieniamy na numery; 0 to wypełnienie krótszych zdań, a słowo spoza słownika
#   dostaje numer `<unk>`.

# %%
def date_tokens(sentence):
    """Dzieli zapis daty na małe słowa, przecinki i pojedyncze cyfry."""
    tokens = []
    for word in sentence.lower().replace(",", " ,").split():
        tokens.extend(word if word.isdigit() else [word])
    return tokens


print(date_tokens("piątek, 27 XI 2026 r."))

# %% jupyter={"source_hidden": true} tags=["hide-input"]
SOURCE_VOCAB = ["<pad>", "<unk>"] + sorted({t for s in train_src for t in date_tokens(s)})
TARGET_VOCAB = ["<pad>", "<s>", "</s>"] + list("0123456789-")
SOURCE_INDEX = {token: i for i, token in enumerate(SOURCE_VOCAB)}
START, END = TARGET_VOCAB.index("<s>"), TARGET_VOCAB.index("</s>")
print(f"słownik źródłowy: {len(SOURCE_VOCAB)} tokenów, docelowy: {len(TARGET_VOCAB)}")

# %% [markdown] slideshow={"slide_type": "skip"}
# Zdania zamieniamy na macierze numerów tokenów. Wejście dekodera to cel poprzedzony `<s>`,
# a oczekiwane wyjście to ten sam cel zakończony `</s>`: przesunięcie o jeden krok potrzebne
# do *teacher forcing*.

# %% slideshow={"slide_type": "skip"}
def encode_sources(sentences):
    """Macierz numerów tokenów zdań źródłowych, wypełniona zerami do najdłuższego zdania."""
    token_lists = [date_tokens(s) for s in sentences]
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
# sprawdzenie: brak nieznanych tokenów w teście, wejście dekodera przesunięte o krok
assert (x_test == 1).sum() == 0, "w zdaniach testowych są tokeny spoza słownika"
assert (dec_in_train[:, 1:] == y_train[:, :-1]).all()

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż pierwszy wiersz wydruku: w zapisie „piątek, 27 XI 2026 r.” przecinek jest osobnym tokenem,
# a rok to cztery osobne cyfry. Słownik źródłowy ma 101 tokenów, a docelowy tylko 14: dziesięć
# cyfr, łącznik i trzy tokeny specjalne `<pad>`, `<s>`, `</s>`. Zapytaj salę: ile tokenów
# potrzebowalibyśmy na same lata, gdybyśmy nie dzielili liczb na cyfry?

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


def build_translator(use_attention, source_size, target_size, embed_dim=EMBED_DIM, units=UNITS_RNN):
    """Zwraca (model do uczenia, koder, krok dekodera) ze wspólnymi warstwami."""
    source_embedding = layers.Embedding(source_size, embed_dim, mask_zero=True)
    encoder_gru = layers.GRU(units, return_sequences=True, return_state=True)
    target_embedding = layers.Embedding(target_size, embed_dim // 2)
    decoder_gru = layers.GRU(units, return_sequences=True, return_state=True)
    attention = layers.AdditiveAttention() if use_attention else None
    output_layer = layers.Dense(target_size, activation="softmax")

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
    state = keras.Input(shape=(units,))
    memory = keras.Input(shape=(None, units))
    memory_mask = keras.Input(shape=(None,), dtype="bool")
    step_states, new_state = decoder_gru(target_embedding(prev_char), initial_state=state)
    step_probs, step_weights = decoder_head(step_states, memory, memory_mask)
    outputs = [step_probs, new_state] + ([step_weights] if use_attention else [])
    step_inputs = [prev_char, state] + ([memory, memory_mask] if use_attention else [])
    step_model = keras.Model(step_inputs, outputs)  # Keras nie przyjmuje nieużywanych wejść

    def step(inputs, training=False):
        """Krok dekodera z [znak, stan, wyjścia kodera, maska]; bez uwagi dwóch ostatnich nie używa."""
        return step_model(inputs[:len(step_inputs)], training=training)

    return trainer, encoder, step


# %% [markdown] slideshow={"slide_type": "notes"}
# Model jest celowo mały: zanurzenia słów źródła mają 32 liczby, znaków celu 16, a stan GRU 64. Zwróć uwagę na trzy modele
# Keras ze wspólnymi warstwami: model do uczenia widzi cały cel naraz, a do tłumaczenia
# potrzebujemy osobno kodera i jednego kroku dekodera, bo kolejne wejście dekodera poznajemy
# dopiero po poprzednim kroku. Zapytaj salę: po co do tłumaczenia osobny koder i krok dekodera?
# Model do uczenia też by zadziałał, gdyby w każdym kroku podawać mu cały dotychczasowy prefiks
# (tak zrobimy później z Transformerem), ale wtedy w każdym kroku liczymy wszystko od nowa.

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
def decode_ids(encoder, step, x, start, max_steps):
    """Dekodowanie zachłanne paczki zdań x; zwraca numery tokenów wyniku i wagi uwagi."""
    encoder_states, state = encoder(x, training=False)
    memory = keras.ops.convert_to_tensor(np.asarray(encoder_states))
    mask = keras.ops.convert_to_tensor(x != 0)
    previous = keras.ops.convert_to_tensor(np.full((len(x), 1), start, dtype="int32"))
    ids, weights = [], []
    for _ in range(max_steps):
        outputs = step([previous, state, memory, mask], training=False)
        previous = keras.ops.cast(keras.ops.argmax(outputs[0], axis=-1), "int32")
        state = outputs[1]
        ids.append(np.asarray(previous)[:, 0])
        if len(outputs) == 3:
            weights.append(np.asarray(outputs[2])[:, 0])
    return np.stack(ids, axis=1), (np.stack(weights, axis=1) if weights else None)


def greedy_decode(encoder, step, sources, max_steps=11):
    """Tłumaczy zapisy dat, wszystkie naraz; zwraca (napisy RRRR-MM-DD, wagi uwagi)."""
    ids, weights = decode_ids(encoder, step, encode_sources(sources), START, max_steps)
    return ["".join(TARGET_VOCAB[c] for c in row).split("</s>")[0] for row in ids], weights


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


# %% [markdown] slideshow={"slide_type": "notes"}
# Pętla ma zawsze 11 kroków, bo data ma 10 znaków, a potem jeszcze `</s>`; w każdym kroku liczymy
# wszystkie zdania naraz, dlatego tłumaczenie całego zbioru testowego jest szybkie. Dokładne
# dopasowanie to surowa miara: data z jedną złą cyfrą liczy się jak całkiem zła. Zapytaj salę: czy
# taka miara jest rozsądna dla dat, a czy byłaby rozsądna dla zwykłych zdań, które można dobrze
# przetłumaczyć na kilka sposobów?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie
#
# Model bez mechanizmu uwagi uczymy na parach uczących; po każdej epoce sprawdzamy dokładne
# dopasowanie na zbiorze walidacyjnym.

# %% tags=["remove-stderr"]
keras.utils.set_random_seed(0)
seq2seq, seq2seq_encoder, seq2seq_step = build_translator(False, len(SOURCE_VOCAB), len(TARGET_VOCAB))
seq2seq_seconds, seq2seq_curve = train_translator(seq2seq, seq2seq_encoder, seq2seq_step, "seq2seq")
print(f"parametry: {seq2seq.count_params():,}".replace(",", " "))

# %%
start = time.perf_counter()
seq2seq_pred, _ = greedy_decode(seq2seq_encoder, seq2seq_step, test_src)
seq2seq_exact = exact_match(seq2seq_pred, test_tgt)
print(f"seq2seq: {len(test_src)} zdań testowych w {time.perf_counter() - start:.1f} s, "
      f"dokładne dopasowanie {seq2seq_exact:.3f}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Model bez mechanizmu uwagi ma 38926 parametrów; po 12 epokach strata walidacji wynosi 0,0738, a
# dokładne dopasowanie 0,803 na zbiorze walidacyjnym i 0,801 na testowym, czyli mniej więcej co
# piąta data jest błędna. Zapytaj salę: strata jest mała, więc skąd tyle błędnych dat? Strata to
# średnia po znakach, a do błędu całej daty wystarczy jedna zła cyfra.

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

# %% [markdown] slideshow={"slide_type": "notes"}
# Na tych 8 zdaniach model bez mechanizmu uwagi myli się dwa razy. Pokaż pierwszy wiersz: z „piąty
# września 1977 r.” wyszło 1977-05-07 zamiast 1977-09-05, więc rok jest dobry, a dzień i miesiąc
# pomieszane; w ostatnim wierszu zła jest tylko ostatnia cyfra dnia. Zapytaj salę: dlaczego rok
# wychodzi dobrze, a dzień i miesiąc nie? Rok stoi na końcu zdania, tuż przed pisaniem wyniku, a
# dzień i miesiąc model musi zapamiętać od początku zdania.

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

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Ten sam schemat koder–dekoder dla zdania „Ala ma kota” → „Ala has a cat”, z dodanymi niebieskimi łukami uwagi: łuki od wszystkich trzech komórek kodera zbiegają się w kółku c_t (wektor kontekstu), z którego strzałka prowadzi do kroku dekodera wypisującego słowo „cat”; najgrubszy łuk wychodzi od komórki, która przeczytała „kota”. Obok wzór c_t = suma po j wag α_tj razy stany h_j."}} tags=["remove-input"]
draw_translation_model(attention=True)

# %% [markdown] slideshow={"slide_type": "notes"}
# Rysunek to ten sam schemat co wcześniej, z dodanymi niebieskimi łukami: wektor kontekstu $c_t$
# to średnia ważona wszystkich stanów kodera. Wskaż najgrubszy łuk, od komórki, która przeczytała
# „kota”, do kroku piszącego „cat”: w tym kroku dekoder patrzy głównie na to słowo. Czerwona
# strzałka $h$ zostaje, ale nie musi już nieść całego zdania. Zapytaj salę: na które słowo źródła
# powinien patrzeć dekoder, gdy pisze „has”?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Jak liczymy wagi uwagi
#
# Nasz model w kroku $t$ porównuje **bieżący** stan dekodera $s_t$ z każdym stanem kodera $h_j$:
#
# $$e_{tj} = v^\top \tanh(s_t + h_j), \qquad
#   \alpha_{tj} = \frac{\exp e_{tj}}{\sum_k \exp e_{tk}}, \qquad
#   c_t = \sum_j \alpha_{tj} h_j .$$
#
# - Wagi $\alpha_{tj}$ są nieujemne i sumują się do 1: to rozkład uwagi na słowach źródła
#   (wypełnienie dostaje wagę 0).
# - Tak liczy `AdditiveAttention` w Kerasie. Nie ma tu macierzy $W$ i $U$: ich rolę przejmują
#   same warstwy GRU, które uczą się dawać porównywalne stany $s_t$ i $h_j$.
#   Wektor $c_t$ łączymy z $s_t$ i z nich przewidujemy $y_t$: to układ Luonga i in. (2015)
#   z addytywną funkcją oceny.
# - U Bahdanau i in. (2014) ocena używa **poprzedniego** stanu,
#   $e_{tj} = v^\top \tanh(W s_{t-1} + U h_j)$, a $c_t$ wchodzi na wejście GRU dekodera.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź przez wzór od lewej: ocena $e_{tj}$ mówi, jak bardzo stan kodera $h_j$ pasuje do
# bieżącego stanu dekodera, softmax zamienia oceny na wagi sumujące się do 1, a kontekst to
# średnia ważona stanów kodera. Wszystkie te działania są różniczkowalne, więc wagi uczą się razem
# z resztą sieci, bez żadnych wskazówek, które słowa sobie odpowiadają. Zapytaj salę: co by było,
# gdyby wszystkie wagi były równe? Kontekst byłby zwykłą średnią stanów i dekoder nie mógłby
# wybrać słowa.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie modelu z mechanizmem uwagi
#
# Ten sam koder, dekoder, dane, liczba epok i ziarno losowania; dochodzi tylko warstwa
# `AdditiveAttention` i połączenie kontekstu ze stanem dekodera.

# %% tags=["remove-stderr"]
keras.utils.set_random_seed(0)
attention_model, attention_encoder, attention_step = build_translator(True, len(SOURCE_VOCAB),
                                                                      len(TARGET_VOCAB))
attention_seconds, attention_curve = train_translator(attention_model, attention_encoder, attention_step,
                                                      "z uwagą")
attention_pred, test_weights = greedy_decode(attention_encoder, attention_step, test_src)
attention_exact = exact_match(attention_pred, test_tgt)
print(f"z uwagą: dokładne dopasowanie {attention_exact:.3f} na {len(test_src)} zdaniach testowych")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: model z uwagą tłumaczy daty prawie bezbłędnie
assert attention_exact >= (0.6 if FAST else 0.99), attention_exact
assert attention_exact >= seq2seq_exact, (attention_exact, seq2seq_exact)

# %% [markdown] slideshow={"slide_type": "notes"}
# To uczciwe porównanie: te same dane, warstwy, liczba epok i ziarno, dochodzi tylko warstwa
# uwagi. Pokaż wydruk: strata walidacji 0,0007 wobec 0,0738 bez uwagi, a dokładne dopasowanie na
# 4000 zdaniach testowych 1,000. Zapytaj salę: czy 1,000 znaczy, że model nigdy się nie myli? To
# wynik zaokrąglony: dokładnie 0,9998, czyli jedna błędna data na 4000 zdań testowych.

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

# %% [markdown] slideshow={"slide_type": "notes"}
# Wskaż kolumnę parametrów: 38926 bez uwagi i 39886 z uwagą, czyli mechanizm uwagi dodaje niecały
# tysiąc parametrów, a dokładne dopasowanie rośnie z 0,801 do 1,000. Czas uczenia zależy od
# maszyny, więc nie podawaj go w sekundach; w tym uruchomieniu model z uwagą uczył się dłużej, bo w
# każdym kroku liczy wagi dla wszystkich tokenów źródła. Zapytaj salę: skąd tak duża poprawa przy
# tak małym przyroście liczby parametrów?

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


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Wykres liniowy: oś pozioma to numer epoki uczenia, oś pionowa to odsetek dat ze zbioru walidacyjnego przetłumaczonych bezbłędnie. Model z mechanizmem uwagi już po kilku epokach dochodzi niemal do 1 i tam zostaje; model seq2seq bez mechanizmu uwagi rośnie powoli i przez całe uczenie pozostaje wyraźnie niżej."}} tags=["remove-input"]
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

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Wykres liniowy: oś pozioma to liczba tokenów zdania źródłowego, oś pionowa to odsetek dat przetłumaczonych bezbłędnie na zbiorze testowym. Linia modelu z mechanizmem uwagi leży przy samej górze, blisko 1, dla wszystkich długości; linia modelu seq2seq bez mechanizmu uwagi leży wyraźnie niżej, około 0,8, i prawie nie zależy od długości zdania."}} tags=["remove-input"]
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
    tokens = date_tokens(source)
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
example = date_in_polish(datetime.date(1948, 2, 28), (0.1, 0.1, 0.5, 0.1))  # dzień tygodnia liczy datetime
(example_translation,), example_weights = greedy_decode(attention_encoder, attention_step, [example])
print(f"{example} → {example_translation}")

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Mapa cieplna wag uwagi dla zdania „sobota, dwudziesty ósmy lutego tysiąc dziewięćset czterdziestego ósmego roku” przetłumaczonego na 1948-02-28. Kolumny to tokeny źródła, wiersze to kolejne znaki wyniku. Cyfry 4 i 8 roku mają największe wagi na słowach „czterdziestego” i „ósmego”, cyfry miesiąca 0 i 2 na słowie „lutego”, cyfry dnia 2 i 8 na słowach „dwudziesty” i „ósmy”; przy pierwszych cyfrach roku, 1 i 9, wagi są rozmyte, a dzień tygodnia i słowo „roku” dostają wagi bliskie zera."}} tags=["remove-input"]
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

# %% [markdown] slideshow={"slide_type": "notes"}
# Zdania z zakresu danych oba modele tłumaczą poprawnie. Ciekawy jest ostatni wiersz, „trzeci maja
# 1791 roku”: model bez uwagi daje 1919-03-06, a model z uwagą 1919-05-03: dzień i miesiąc ma
# dobrze, ale cały rok zły, 1919 zamiast 1791; nie przepisał nawet końcówki 91. Zapytaj salę:
# dlaczego oba modele piszą 19 zamiast 17 na początku roku? W danych uczących lata zaczynają się tylko od 19 albo 20.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Zadanie główne: zdania z polskiego na angielski
#
# Daty pokazały wąskie gardło, ale tłumaczenie dat zrobiłby też prosty program z regułami.
# Teraz zdania, w których polski i angielski naprawdę się różnią:
#
# | zjawisko | po polsku | po angielsku |
# |---|---|---|
# | przypadek | kot, kota, kotów | cat, cats |
# | rodzaj w czasie przeszłym | widział, widziała | saw |
# | swobodny szyk (OVS) | Psa widzi kot. | The cat sees a dog. |
# | podmiot domyślny | Widzę psa. | I see a dog. |
# | przeczenie z dopełniaczem | Nie widzę psa. | I do not see a dog. |
# | liczebnik | dwa koty, pięć kotów | two cats, five cats |
# | przymiotnik | czarnego kota, czarną krowę | a black cat, a black cow |

# %% [markdown] slideshow={"slide_type": "notes"}
# Angielski ma przedimki, których polski nie ma: to, czy „a dog”, czy „the dog”, wynika
# z kontekstu, którego pojedyncze zdanie nie niesie. Nasz generator przyjmuje stałą umowę:
# podmiot z „the”, dopełnienie z „a”/„an”. Dzięki temu każde zdanie polskie ma jedno
# tłumaczenie wzorcowe i wystarcza jeden wzorzec do BLEU (choć „kupował” mogłoby być też
# „was buying”).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Generator zdań
#
# Notatnik sam tworzy pary zdań: słownik 50 rzeczowników, 16 przymiotników, 15 czasowników
# i 5 liczebników z formami potrzebnymi w zdaniach oraz prosta gramatyka. Każde zdanie dostaje etykiety
# zjawisk, które w nim występują, żeby potem sprawdzić, gdzie modele się mylą.

# %% [markdown] slideshow={"slide_type": "skip"}
# Słownik: rzeczowniki, czasowniki i przymiotniki z jawnie zapisanymi formami. Klasa
# rzeczownika (P — osoba, A — zwierzę, T — rzecz) mówi, z którymi czasownikami
# i przymiotnikami słowo się łączy, żeby zdania nie były zbyt dziwne.

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input", "generator"]
def parse_table(table, fields):
    """Tabela tekstowa -> {lemat: {pole: wartość}}; wpis to kolejne len(fields) słów."""
    words = table.split()
    assert len(words) % len(fields) == 0, "niepełny wpis w tabeli"
    rows = [words[i:i + len(fields)] for i in range(0, len(words), len(fields))]
    return {row[0]: dict(zip(fields, row)) for row in rows}


# Mianownik, biernik, dopełniacz lp.; mianownik, dopełniacz lm.; rodzaj; angielski lp., lm.; klasa.
# Osoby nigdy nie występują w liczbie mnogiej (unikamy form męskoosobowych: „dwaj chłopcy”),
# dlatego ich formy mnogie to „-”. Biernik męskożywotny i męskoosobowy = dopełniacz.
NOUNS = parse_table("""
brat        brata       brata       -          -         m-pers    brother      -          P
chłopiec    chłopca     chłopca     -          -         m-pers    boy          -          P
lekarz      lekarza     lekarza     -          -         m-pers    doctor       -          P
sąsiad      sąsiada     sąsiada     -          -         m-pers    neighbour    -          P
aktor       aktora      aktora      -          -         m-pers    actor        -          P
wujek       wujka       wujka       -          -         m-pers    uncle        -          P
siostra     siostrę     siostry     -          -         f         sister       -          P
dziewczyna  dziewczynę  dziewczyny  -          -         f         girl         -          P
matka       matkę       matki       -          -         f         mother       -          P
babcia      babcię      babci       -          -         f         grandmother  -          P
ciocia      ciocię      cioci       -          -         f         aunt         -          P
aktorka     aktorkę     aktorki     -          -         f         actress      -          P
kot         kota        kota        koty       kotów     m-anim    cat          cats       A
pies        psa         psa         psy        psów      m-anim    dog          dogs       A
koń         konia       konia       konie      koni      m-anim    horse        horses     A
ptak        ptaka       ptaka       ptaki      ptaków    m-anim    bird         birds      A
słoń        słonia      słonia      słonie     słoni     m-anim    elephant     elephants  A
lis         lisa        lisa        lisy       lisów     m-anim    fox          foxes      A
wilk        wilka       wilka       wilki      wilków    m-anim    wolf         wolves     A
osioł       osła        osła        osły       osłów     m-anim    donkey       donkeys    A
krowa       krowę       krowy       krowy      krów      f         cow          cows       A
koza        kozę        kozy        kozy       kóz       f         goat         goats      A
mysz        mysz        myszy       myszy      myszy     f         mouse        mice       A
owca        owcę        owcy        owce       owiec     f         sheep        sheep      A
kaczka      kaczkę      kaczki      kaczki     kaczek    f         duck         ducks      A
sowa        sowę        sowy        sowy       sów       f         owl          owls       A
kura        kurę        kury        kury       kur       f         hen          hens       A
okno        okno        okna        okna       okien     n         window       windows    T
jabłko      jabłko      jabłka      jabłka     jabłek    n         apple        apples     T
krzesło     krzesło     krzesła     krzesła    krzeseł   n         chair        chairs     T
auto        auto        auta        auta       aut       n         car          cars       T
drzewo      drzewo      drzewa      drzewa     drzew     n         tree         trees      T
łóżko       łóżko       łóżka       łóżka      łóżek     n         bed          beds       T
pudełko     pudełko     pudełka     pudełka    pudełek   n         box          boxes      T
jajko       jajko       jajka       jajka      jajek     n         egg          eggs       T
dom         dom         domu        domy       domów     m-inanim  house        houses     T
stół        stół        stołu       stoły      stołów    m-inanim  table        tables     T
list        list        listu       listy      listów    m-inanim  letter       letters    T
rower       rower       roweru      rowery     rowerów   m-inanim  bicycle      bicycles   T
obraz       obraz       obrazu      obrazy     obrazów   m-inanim  painting     paintings  T
zegar       zegar       zegara      zegary     zegarów   m-inanim  clock        clocks     T
ołówek      ołówek      ołówka      ołówki     ołówków   m-inanim  pencil       pencils    T
parasol     parasol     parasola    parasole   parasoli  m-inanim  umbrella     umbrellas  T
książka     książkę     książki     książki    książek   f         book         books      T
lampa       lampę       lampy       lampy      lamp      f         lamp         lamps      T
piłka       piłkę       piłki       piłki      piłek     f         ball         balls      T
gruszka     gruszkę     gruszki     gruszki    gruszek   f         pear         pears      T
róża        różę        róży        róże       róż       f         rose         roses      T
torba       torbę       torby       torby      toreb     f         bag          bags       T
łódź        łódź        łodzi       łodzie     łodzi     f         boat         boats      T
""", ("nom", "acc", "gen", "nom_pl", "gen_pl", "gender", "en", "en_pl", "cls"))
for _noun in NOUNS.values():
    _noun["subject"] = _noun["cls"] in ("P", "A")

# Czasowniki przechodnie z biernikiem (z dopełniaczem po „nie”), wszystkie niedokonane:
# cz. teraźniejszy 1 i 3 os. lp., przeszły 3 os. m/ż, przeszły 1 os. m/ż; angielski: bezokolicznik,
# 3 os., przeszły; klasy możliwych podmiotów i dopełnień (ogranicza dziwactwa znaczeniowe).
VERBS = parse_table("""
widzieć   widzę     widzi    widział   widziała   widziałem   widziałam   see      sees      saw        PA PAT
lubić     lubię     lubi     lubił     lubiła     lubiłem     lubiłam     like     likes     liked      PA PAT
mieć      mam       ma       miał      miała      miałem      miałam      have     has       had        PA AT
kochać    kocham    kocha    kochał    kochała    kochałem    kochałam    love     loves     loved      PA PA
znać      znam      zna      znał      znała      znałem      znałam      know     knows     knew       PA PA
rysować   rysuję    rysuje   rysował   rysowała   rysowałem   rysowałam   draw     draws     drew       P  PAT
słyszeć   słyszę    słyszy   słyszał   słyszała   słyszałem   słyszałam   hear     hears     heard      PA PA
karmić    karmię    karmi    karmił    karmiła    karmiłem    karmiłam    feed     feeds     fed        P  A
myć       myję      myje     mył       myła       myłem       myłam       wash     washes    washed     P  AT
wołać     wołam     woła     wołał     wołała     wołałem     wołałam     call     calls     called     PA PA
malować   maluję    maluje   malował   malowała   malowałem   malowałam   paint    paints    painted    P  PAT
pamiętać  pamiętam  pamięta  pamiętał  pamiętała  pamiętałem  pamiętałam  remember remembers remembered PA PAT
odwiedzać odwiedzam odwiedza odwiedzał odwiedzała odwiedzałem odwiedzałam visit    visits    visited    P  P
kupować   kupuję    kupuje   kupował   kupowała   kupowałem   kupowałam   buy      buys      bought     P  AT
czyścić   czyszczę  czyści   czyścił   czyściła   czyściłem   czyściłam   clean    cleans    cleaned    P  T
""", ("lemma", "pres1", "pres3", "past3m", "past3f", "past1m", "past1f",
      "en", "en3", "en_past", "subjects", "objects"))

# Przymiotniki regularne (odmiana w adjective_form); klasy rzeczowników, z którymi się łączą.
ADJECTIVES = parse_table("""
duży     big       PAT   mały     small     PAT   stary    old       PAT   nowy     new       AT
ładny    pretty    PAT   czarny   black     AT    biały    white     AT    zielony  green     T
czerwony red       T     szybki   fast      A     wysoki   tall      P     głodny   hungry    PA
smutny   sad       PA    wesoły   happy     PA    tani     cheap     T     drogi    expensive T
""", ("lemma", "en", "classes"))

# Liczebnik: forma dla rodzaju m/n, forma żeńska, angielski.
NUMERALS = {2: ("dwa", "dwie", "two"), 3: ("trzy", "trzy", "three"), 4: ("cztery", "cztery", "four"),
            5: ("pięć", "pięć", "five"), 6: ("sześć", "sześć", "six")}
LEXICON_SIZE = len(NOUNS) + len(ADJECTIVES) + len(VERBS) + len(NUMERALS)
PHENOMENA = ("przypadek", "czas przeszły", "szyk OVS", "podmiot domyślny", "przeczenie", "liczebnik",
             "przymiotnik")


# %% [markdown] slideshow={"slide_type": "skip"}
# Odmiana i tłumaczenie: specyfikacja zdania (podmiot, czasownik, czas, dopełnienie, liczba,
# przymiotniki, przeczenie, szyk) daje zdanie polskie i jego jedyne tłumaczenie angielskie.

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input", "generator"]
def adjective_form(lemma, case, gender, count=1):
    """Przymiotnik zgodny z rzeczownikiem: szybki/szybka/szybkie, szybkiego, szybką, szybkich."""
    soft = lemma[-1] == "i"                          # szybki, tani: -i- przed -e (szybkie, tanie)
    stem_a = lemma if soft and lemma[-2] not in "kg" else lemma[:-1]   # szybk-a, tani-a, duż-a
    stem_e = lemma if soft else lemma[:-1]           # szybki-e, tani-e, duż-e
    if count > 1:                                    # 2–4: mianownik lm., 5–6: dopełniacz lm.
        return stem_e + "e" if count < 5 else lemma + "ch"
    if gender == "f":
        return {"nom": stem_a + "a", "acc": stem_a + "ą", "gen": stem_e + "ej"}[case]
    if case == "gen" or (case == "acc" and gender in ("m-pers", "m-anim")):
        return stem_e + "ego"
    return stem_e + "e" if gender == "n" else lemma


def polish_np(lemma, adjective, case, count=1):
    """Fraza [liczebnik] [przymiotnik] rzeczownik; w lm. po 2–4 mianownik, po 5–6 dopełniacz."""
    noun = NOUNS[lemma]
    if count == 1:
        words = [noun[case]]
    else:
        words = [NUMERALS[count][noun["gender"] == "f"], noun["nom_pl" if count < 5 else "gen_pl"]]
    if adjective:
        words.insert(-1, adjective_form(adjective, case, noun["gender"], count))
    return words


def english_np(lemma, adjective, count, definite):
    """Angielska fraza: the/a/an lub liczebnik (bez przedimka), przymiotnik, rzeczownik."""
    noun = NOUNS[lemma]
    words = [ADJECTIVES[adjective]["en"]] if adjective else []
    words.append(noun["en"] if count == 1 else noun["en_pl"])
    if count > 1:
        return [NUMERALS[count][2]] + words
    if definite:
        return ["the"] + words
    return ["an" if words[0][0] in "aeiou" else "a"] + words


def polish_verb(spec):
    """Forma czasownika (osoba, czas, rodzaj w czasie przeszłym), z „nie” przy przeczeniu."""
    subject = spec["subject"]
    if spec["tense"] == "present":
        key = "pres1" if subject is None else "pres3"
    elif subject is None:
        key = "past1" + spec["speaker"]
    else:
        key = "past3" + ("f" if NOUNS[subject]["gender"] == "f" else "m")
    return (["nie"] if spec["negated"] else []) + [VERBS[spec["verb"]][key]]


def english_verb(spec):
    """Angielski czasownik; przeczenie z do/does/did not."""
    verb, third = VERBS[spec["verb"]], spec["subject"] is not None
    if spec["tense"] == "past":
        return ["did", "not", verb["en"]] if spec["negated"] else [verb["en_past"]]
    if spec["negated"]:
        return ["does" if third else "do", "not", verb["en"]]
    return [verb["en3"] if third else verb["en"]]


def sentence(words):
    """Zdanie z wielkiej litery, zakończone kropką."""
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def check(spec):
    """Odrzuca specyfikacje spoza prostej gramatyki."""
    subject, obj = spec["subject"], NOUNS[spec["object"]]
    # Przeczenie wymaga dopełniacza, a liczebniki w dopełniaczu (dwóch, pięciu) pomijamy.
    if spec["negated"] and spec["count"] > 1:
        raise ValueError("przeczenie z liczebnikiem nie jest obsługiwane")
    if spec["count"] > 1 and obj["cls"] == "P":
        raise ValueError("osoby tylko w liczbie pojedynczej")
    if subject is not None and not NOUNS[subject]["subject"]:
        raise ValueError(f"{subject} nie może być podmiotem")
    # OVS tylko z podmiotem, którego mianownik różni się od biernika („mysz” byłaby dwuznaczna).
    if spec["order"] == "OVS" and (subject is None or NOUNS[subject]["nom"] == NOUNS[subject]["acc"]):
        raise ValueError("szyk OVS wymaga jednoznacznego podmiotu")


def render(spec):
    """Specyfikacja -> (zdanie polskie, zdanie angielskie)."""
    check(spec)
    case = "gen" if spec["negated"] else "acc"
    obj = polish_np(spec["object"], spec["object_adjective"], case, spec["count"])
    verb = polish_verb(spec)
    if spec["subject"] is None:
        polish, english_subject = verb + obj, ["I"]
    else:
        subject = polish_np(spec["subject"], spec["subject_adjective"], "nom")
        polish = subject + verb + obj if spec["order"] == "SVO" else obj + verb + subject
        english_subject = english_np(spec["subject"], spec["subject_adjective"], 1, True)
    english_obj = english_np(spec["object"], spec["object_adjective"], spec["count"], False)
    return sentence(polish), sentence(english_subject + english_verb(spec) + english_obj)


def phenomena(spec):
    """Zjawiska w zdaniu. „przypadek”: dopełnienie (bez liczebnika) różni się od mianownika
    tej samej liczby (psa, czarną mysz, pięć kotów – ale nie: okno, dwa koty)."""
    count, skip = spec["count"], int(spec["count"] > 1)
    case = "gen" if spec["negated"] else "acc"
    form = polish_np(spec["object"], spec["object_adjective"], case, count)[skip:]
    nominative = polish_np(spec["object"], spec["object_adjective"], "nom", min(count, 2))[skip:]
    flags = {"przypadek": form != nominative, "czas przeszły": spec["tense"] == "past",
             "szyk OVS": spec["order"] == "OVS", "podmiot domyślny": spec["subject"] is None,
             "przeczenie": spec["negated"], "liczebnik": count > 1,
             "przymiotnik": bool(spec["subject_adjective"] or spec["object_adjective"])}
    return {tag for tag, present in flags.items() if present}


def tokenize(text):
    """Małe litery, kropka (i inna interpunkcja) jako osobny token: „kot widzi psa .”."""
    return re.findall(r"\w+|[^\w\s]", text.lower())


# %% [markdown] slideshow={"slide_type": "skip"}
# Losowanie: specyfikacje z ustalonymi prawdopodobieństwami (30% podmiotu domyślnego, 25%
# przeczeń, 30% szyku OVS wśród zdań z podmiotem) i korpus różnych zdań polskich; po
# usunięciu powtórzeń proporcje nieco się zmieniają.

# %% jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input", "generator"]
def choose(rng, items):
    return items[rng.integers(len(items))]


def adjectives_for(lemma):
    return [a for a, adj in ADJECTIVES.items() if NOUNS[lemma]["cls"] in adj["classes"]]


def pick_adjective(rng, lemma):
    return choose(rng, adjectives_for(lemma)) if rng.random() < 0.4 else None


SUBJECTS = [n for n, noun in NOUNS.items() if noun["subject"]]


def sample_spec(rng):
    """Losowa poprawna specyfikacja zdania (rng: numpy.random.Generator)."""
    subject = choose(rng, SUBJECTS) if rng.random() >= 0.3 else None
    cls = NOUNS[subject]["cls"] if subject else "P"          # „ja” jest osobą
    verb = choose(rng, [v for v, x in VERBS.items() if cls in x["subjects"]])
    obj = choose(rng, [n for n, x in NOUNS.items() if x["cls"] in VERBS[verb]["objects"] and n != subject])
    negated = bool(rng.random() < 0.25)
    plural_ok = not negated and NOUNS[obj]["cls"] != "P"
    count = int(rng.integers(2, 7)) if plural_ok and rng.random() < 0.4 else 1
    ovs_ok = subject is not None and NOUNS[subject]["nom"] != NOUNS[subject]["acc"]
    return {"subject": subject, "verb": verb,
            "tense": "past" if rng.random() < 0.5 else "present",
            "speaker": "f" if rng.random() < 0.5 else "m",
            "object": obj, "count": count,
            "subject_adjective": pick_adjective(rng, subject) if subject else None,
            "object_adjective": pick_adjective(rng, obj),
            "negated": negated, "order": "OVS" if ovs_ok and rng.random() < 0.3 else "SVO"}


def make_corpus(n, seed):
    """n różnych zdań polskich: [(polskie, angielskie, frozenset(zjawiska))]."""
    rng, seen, corpus = np.random.default_rng(seed), set(), []
    while len(corpus) < n:
        spec = sample_spec(rng)
        polish, english = render(spec)
        if polish not in seen:
            seen.add(polish)
            corpus.append((polish, english, frozenset(phenomena(spec))))
    return corpus


def polish_vocabulary():
    """Wszystkie formy polskie, które generator potrafi utworzyć."""
    words = {"nie", "."}
    for verb in VERBS.values():
        words.update(verb[k] for k in ("pres1", "pres3", "past3m", "past3f", "past1m", "past1f"))
    for lemma, noun in NOUNS.items():
        slots = [("acc", 1), ("gen", 1)] + [("nom", 1)] * noun["subject"]
        slots += [("acc", c) for c in NUMERALS] if noun["cls"] != "P" else []
        for adjective in [None] + adjectives_for(lemma):
            for case, count in slots:
                words.update(polish_np(lemma, adjective, case, count))
    return words


POLISH_WORDS = polish_vocabulary()


def unknown_words(polish_text):
    """Posortowane tokeny, których generator nigdy nie tworzy (np. w zdaniu wpisanym przez ucznia)."""
    return sorted(set(tokenize(polish_text)) - POLISH_WORDS)

# %% [markdown] slideshow={"slide_type": "notes"}
# Generator tworzy zdanie polskie i angielskie z tej samej specyfikacji, a przedimki ustala stała
# umowa, więc każde zdanie polskie ma dokładnie jedno tłumaczenie wzorcowe. Etykiety zjawisk przydadzą się później, gdy sprawdzimy,
# w których zdaniach modele się mylą. Zapytaj salę: po co ograniczamy, które rzeczowniki mogą być
# podmiotem danego czasownika? Żeby zdania nie były zbyt dziwne: podmiotem bywa tylko osoba albo
# zwierzę, więc krzesło niczego nie widzi.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Przykładowe pary

# %% tags=["nbval-check-output"]
for polish, english, tags in make_corpus(8, seed=3):
    print(f"{polish:<42} {english:<40} {', '.join(sorted(tags))}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Co taki korpus może pokazać, a czego nie: wszystkie zjawiska z tabeli występują w nim
# w kontrolowanych proporcjach, więc widać, które z nich sprawiają modelom trudność. Nie ma
# w nim natomiast wieloznaczności, idiomów, długich zdań ani słów spoza słownika; zdania
# są poprawne, ale często dziwne w treści. Prawdziwe systemy uczy się na milionach par zdań
# z korpusów równoległych, np. [Tatoeba](https://tatoeba.org) albo zbiorów z
# [OPUS](https://opus.nlpl.eu), na podsłowach (BPE) i modelami typu Transformer.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Dane i tokeny
#
# Zdania dzielimy na słowa (kropka jest osobnym tokenem). Zbiory uczący, walidacyjny
# i testowy mają różne zdania polskie; słownik tokenów bierzemy tylko ze zbioru uczącego.
# Zdanie angielskie może się powtórzyć: „Psa widzi kot.” i „Kot widzi psa.” mają ten sam przekład.

# %%
N_TRAIN, N_VAL, N_TEST = (2000, 200, 400) if FAST else (10000, 1000, 2000)
corpus = make_corpus(N_TRAIN + N_VAL + N_TEST, seed=1)
train_pairs, val_pairs, test_pairs = (corpus[:N_TRAIN], corpus[N_TRAIN:N_TRAIN + N_VAL],
                                      corpus[N_TRAIN + N_VAL:])
PL_VOCAB = ["<pad>", "<unk>"] + sorted({t for pl, _, _ in train_pairs for t in tokenize(pl)})
EN_VOCAB = ["<pad>", "<s>", "</s>"] + sorted({t for _, en, _ in train_pairs for t in tokenize(en)})
print(f"par uczących: {len(train_pairs)}, walidacyjnych: {len(val_pairs)}, testowych: {len(test_pairs)}")
print(f"słownik polski: {len(PL_VOCAB)} tokenów, angielski: {len(EN_VOCAB)}")

# %% slideshow={"slide_type": "skip"}
PL_INDEX, EN_INDEX = ({t: i for i, t in enumerate(vocab)} for vocab in (PL_VOCAB, EN_VOCAB))
EN_START, EN_END = EN_INDEX["<s>"], EN_INDEX["</s>"]
MAX_PL = 2 + max(len(tokenize(pl)) for pl, _, _ in train_pairs)  # zapas na dłuższe zdania
MAX_EN = 2 + max(len(tokenize(en)) for _, en, _ in train_pairs)


def encode_polish(sentences):
    """Macierz numerów tokenów zdań polskich (MAX_PL kolumn, 0 = wypełnienie, 1 = <unk>)."""
    ids = np.zeros((len(sentences), MAX_PL), dtype="int32")
    for row, sentence in zip(ids, sentences):
        tokens = [PL_INDEX.get(t, 1) for t in tokenize(sentence)][:MAX_PL]
        row[:len(tokens)] = tokens
    return ids


def encode_english(sentences):
    """Wejście dekodera (<s> + słowa) i cel (słowa + </s>), po MAX_EN kolumn."""
    ids = np.zeros((len(sentences), MAX_EN + 1), dtype="int32")
    for row, sentence in zip(ids, sentences):
        tokens = [EN_START] + [EN_INDEX[t] for t in tokenize(sentence)] + [EN_END]
        row[:len(tokens)] = tokens
    return ids[:, :-1], ids[:, 1:]


def english_text(ids):
    """Zdanie angielskie z numerów tokenów (ucięte na </s>): wielka litera, kropka przy słowie."""
    words = [EN_VOCAB[i] for i in ids]
    text = " ".join(words[:words.index("</s>")] if "</s>" in words else words).replace(" .", ".")
    return text[:1].upper() + text[1:]


def split_arrays(pairs):
    """Wejścia i cele modeli dla listy par (polskie, angielskie, etykiety)."""
    decoder_input, target = encode_english([en for _, en, _ in pairs])
    return encode_polish([pl for pl, _, _ in pairs]), decoder_input, target


(pl_train, en_in_train, en_train), (pl_val, en_in_val, en_val) = (split_arrays(train_pairs),
                                                                  split_arrays(val_pairs))
pl_test = encode_polish([pl for pl, _, _ in test_pairs])
test_references = [en for _, en, _ in test_pairs]

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: zdania testowe nie występują w danych uczących
assert not {pl for pl, _, _ in test_pairs} & {pl for pl, _, _ in train_pairs}
assert (pl_test == 1).sum() < 0.01 * (pl_test > 0).sum(), "za dużo słów testowych spoza słownika"

# %% [markdown] slideshow={"slide_type": "notes"}
# Słownik polski ma 373 tokeny, a angielski tylko 165, choć oba opisują te same słowa: polskie
# rzeczowniki, przymiotniki i czasowniki mają wiele form, a angielskie niewiele. Uczymy na 10000
# par i sprawdzamy na 2000 zdaniach polskich, których model nie widział. Zapytaj salę: co ta
# różnica w wielkości słowników oznacza dla modelu, który czyta po polsku, a pisze po angielsku?

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Trzy modele na tych samych danych
#
# - **GRU koder–dekoder** i **ten sam model z mechanizmem uwagi**: funkcja `build_translator`
#   z części o datach, z większymi warstwami (zanurzenia 64, stan 128).
# - **Mały Transformer**: jedna warstwa kodera i jedna dekodera, `MultiHeadAttention` z 4
#   głowami, kodowanie pozycji sinusami i cosinusami, maska wypełnienia w koderze i maska
#   przyczynowa w dekoderze (krok $t$ nie widzi słów późniejszych).
# - Ten sam optymalizator (Adam), liczba epok i wsad; strata liczona tylko na prawdziwych
#   tokenach celu, nie na wypełnieniu.

# %% [markdown] slideshow={"slide_type": "skip"}
# Transformer budujemy funkcyjnie w Kerasie. Kodowanie pozycji to stała macierz sinusów
# i cosinusów o różnych częstotliwościach (Vaswani i in. 2017), dodawana do zanurzeń tokenów.
# Dekodujemy go zachłannie: w kroku $t$ cały dotychczasowy prefiks (dopełniony zerami, których
# maska przyczynowa i tak nie pokazuje) przechodzi przez dekoder, a nowe słowo bierzemy z pozycji $t$.

# %% slideshow={"slide_type": "skip"}
D_MODEL, HEADS, FEED_FORWARD = 64, 4, 128


def positional_encoding(length, depth=D_MODEL):
    """Macierz length × depth: sinusy na parzystych, cosinusy na nieparzystych wymiarach."""
    angles = np.arange(length)[:, None] / 10000 ** (2 * (np.arange(depth)[None, :] // 2) / depth)
    return np.where(np.arange(depth) % 2 == 0, np.sin(angles), np.cos(angles)).astype("float32")


def embed_with_positions(tokens, vocab_size, length):
    """Zanurzenia tokenów (skalowane przez √d) plus kodowanie pozycji."""
    vectors = layers.Embedding(vocab_size, D_MODEL)(tokens) * np.sqrt(D_MODEL).astype("float32")
    return vectors + positional_encoding(length)


def add_and_norm(x, sublayer_output):
    """Połączenie rezydualne i normalizacja warstwy."""
    return layers.LayerNormalization()(x + layers.Dropout(0.1)(sublayer_output))


def feed_forward(x):
    """Dwie warstwy gęste stosowane do każdej pozycji osobno."""
    return layers.Dense(D_MODEL)(layers.Dense(FEED_FORWARD, activation="relu")(x))


def build_transformer():
    """Transformer 1+1 warstwa; zwraca (model do uczenia, model z wagami uwagi dekodera na koder)."""
    src = keras.Input(shape=(MAX_PL,), dtype="int32")
    tgt = keras.Input(shape=(MAX_EN,), dtype="int32")
    src_mask = keras.ops.expand_dims(keras.ops.not_equal(src, 0), 1)  # (wsad, 1, MAX_PL)
    x = embed_with_positions(src, len(PL_VOCAB), MAX_PL)
    x = add_and_norm(x, layers.MultiHeadAttention(HEADS, D_MODEL // HEADS)(x, x, attention_mask=src_mask))
    memory = add_and_norm(x, feed_forward(x))
    y = embed_with_positions(tgt, len(EN_VOCAB), MAX_EN)
    y = add_and_norm(y, layers.MultiHeadAttention(HEADS, D_MODEL // HEADS)(y, y, use_causal_mask=True))
    context, weights = layers.MultiHeadAttention(HEADS, D_MODEL // HEADS)(
        y, memory, attention_mask=src_mask, return_attention_scores=True)
    y = add_and_norm(y, context)
    probs = layers.Dense(len(EN_VOCAB), activation="softmax")(add_and_norm(y, feed_forward(y)))
    return keras.Model([src, tgt], probs), keras.Model([src, tgt], [probs, weights])


def transformer_decode(model, x):
    """Dekodowanie zachłanne Transformera: w kroku t słowo z pozycji t całego prefiksu."""
    prefix = np.zeros((len(x), MAX_EN), dtype="int32")
    prefix[:, 0] = EN_START
    for t in range(MAX_EN - 1):
        probs = np.asarray(model([x, prefix], training=False))
        prefix[:, t + 1] = probs[:, t].argmax(axis=-1)
    return prefix[:, 1:]


# %% [markdown] slideshow={"slide_type": "skip"}
# Wszystkie trzy modele uczymy tą samą funkcją; wagi próbek zerują stratę na wypełnieniu.
# Tłumaczenia zamieniamy z tokenów z powrotem na zdania (wielka litera, kropka przy ostatnim słowie),
# tak jak wyglądają cele w `test_references`.

# %% slideshow={"slide_type": "skip"}
SENTENCE_EPOCHS = 2 if FAST else 8
translators = {}


def fit_sentences(name, trainer):
    """Uczy model na parach uczących (Adam, wsad 64); zapisuje czas i liczbę parametrów."""
    keras.utils.set_random_seed(0)
    trainer.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy")
    start = time.perf_counter()
    history = trainer.fit([pl_train, en_in_train], en_train, sample_weight=(en_train != 0).astype("float32"),
                          validation_data=([pl_val, en_in_val], en_val, (en_val != 0).astype("float32")),
                          batch_size=64, epochs=SENTENCE_EPOCHS, verbose=0)
    seconds = time.perf_counter() - start
    print(f"{name}: {SENTENCE_EPOCHS} epok, strata uczenia {history.history['loss'][-1]:.3f}, "
          f"walidacji {history.history['val_loss'][-1]:.3f}, {seconds:.0f} s")
    return seconds


def translate(name, sentences):
    """Tłumaczenia zdań polskich modelem name (dekodowanie zachłanne)."""
    x = encode_polish(sentences)
    if name == "Transformer":
        ids = transformer_decode(translators[name]["model"], x)
    else:
        ids, _ = decode_ids(translators[name]["encoder"], translators[name]["step"], x, EN_START, MAX_EN)
    return [english_text(row) for row in ids]


# %% [markdown] slideshow={"slide_type": "notes"}
# Wszystkie trzy modele dostają te same dane, optymalizator, liczbę epok i wsad, więc różnią się
# tylko architekturą. Transformer nie ma rekurencji: kolejność słów zna tylko z kodowania pozycji,
# a maska przyczynowa nie pozwala mu zajrzeć do słów, których jeszcze nie napisał. Zapytaj salę:
# co by się stało, gdybyśmy przy uczeniu zapomnieli o masce przyczynowej? Model nauczyłby się
# przepisywać następne słowo z wejścia dekodera, a przy tłumaczeniu tego słowa by nie miał.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie

# %% tags=["remove-stderr"]
for name, use_attention in [("GRU", False), ("GRU z uwagą", True)]:
    keras.utils.set_random_seed(0)
    trainer, encoder, step = build_translator(use_attention, len(PL_VOCAB), len(EN_VOCAB), embed_dim=64,
                                              units=128)
    translators[name] = {"model": trainer, "encoder": encoder, "step": step,
                         "seconds": fit_sentences(name, trainer)}
keras.utils.set_random_seed(0)
transformer, transformer_with_weights = build_transformer()
translators["Transformer"] = {"model": transformer, "seconds": fit_sentences("Transformer", transformer)}

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż straty po 8 epokach: GRU bez uwagi kończy ze stratą walidacji 0,262, a oba modele z uwagą
# mają 0,002. Czasy w sekundach zależą od maszyny, więc ich nie porównuj. Zapytaj salę:
# Transformer ma stratę uczenia 0,006, a walidacji 0,002, czyli mniejszą; jak to możliwe? Jedna z
# przyczyn: przy uczeniu działa losowe wyłączanie neuronów (warstwy `Dropout`), a przy walidacji
# nie.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Miary: BLEU, chrF i dokładne dopasowanie
#
# - **BLEU** (Papineni i in. 2002): średnia geometryczna precyzji $n$-gramów słów
#   ($n$ od 1 do 4) tłumaczenia względem wzorca, z karą za zbyt krótkie tłumaczenia; 0–100.
# - **chrF** (Popović 2015): F-miara $n$-gramów **znakowych**; częściowo nagradza
#   dobre słowo w złej formie.
# - Liczy je biblioteka `sacrebleu` na całym zbiorze testowym; dokładne dopasowanie to
#   odsetek zdań identycznych z wzorcem.

# %% slideshow={"slide_type": "skip"}
def scores(hypotheses, references):
    """BLEU, chrF (sacrebleu, cały korpus) i dokładne dopasowanie."""
    return {"BLEU": sacrebleu.corpus_bleu(hypotheses, [references]).score,
            "chrF": sacrebleu.corpus_chrf(hypotheses, [references]).score,
            "dokładne dopasowanie": float(np.mean(np.array(hypotheses) == np.array(references)))}


test_polish = [pl for pl, _, _ in test_pairs]
predictions = {name: translate(name, test_polish) for name in translators}
results = pd.DataFrame.from_dict({name: {"parametry": translators[name]["model"].count_params(),
                                         "uczenie [s]": round(translators[name]["seconds"]),
                                         **{k: round(v, 3 if k == "dokładne dopasowanie" else 1)
                                            for k, v in scores(predictions[name], test_references).items()}}
                                  for name in translators}, orient="index")

# %% jupyter={"source_hidden": true} tags=["remove-input"]
results

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: uwaga poprawia BLEU
if not FAST:
    assert results.loc["GRU z uwagą", "BLEU"] > results.loc["GRU", "BLEU"], results

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Przy tej samej liczbie epok (8) mechanizm uwagi robi ogromną różnicę: BLEU 64,5 bez
#   niego, 99,9 z nim (dokładne dopasowanie 0,343 wobec 0,999).
# - Mały Transformer, z mniejszą liczbą parametrów, dochodzi prawie do tego samego: BLEU
#   99,8. Różnica kilku zdań na 2000 przy jednym ziarnie nie rozstrzyga, który z nich jest lepszy.

# %% [markdown] slideshow={"slide_type": "notes"}
# Oba modele z uwagą są tu blisko sufitu, bo gramatyka generatora jest mała i regularna,
# a zdania krótkie. Wynik pokazuje, że zjawiska z tabeli da się wyuczyć z par zdań, bez
# żadnych reguł gramatyki; nie mówi, jak te modele poradziłyby sobie z prawdziwym tekstem.
# Model bez uwagi wciąż się uczy (strata walidacji po 8 epokach 0,262), więc dłuższe uczenie
# zmniejszyłoby różnicę, jak przy datach. Czasy uczenia są z jednego uruchomienia na dwóch
# rdzeniach procesora; na GPU Transformer prawdopodobnie zyskałby najwięcej, bo liczy
# wszystkie pozycje naraz, a GRU krok po kroku.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Przeszukiwanie wiązkowe
#
# Dekodowanie zachłanne bierze w każdym kroku jedno najlepsze słowo i nie może się wycofać.
# Przeszukiwanie wiązkowe trzyma $k$ najlepszych prefiksów: każdy z nich przedłużamy o każde
# słowo słownika, liczymy sumę logarytmów prawdopodobieństw i zostawiamy $k$ najlepszych. Przy $k = 1$ to dokładnie dekodowanie zachłanne.

# %% slideshow={"slide_type": "skip"}
def beam_decode(name, sentences, width):
    """Przeszukiwanie wiązkowe modelu GRU name; zwraca najlepsze tłumaczenie każdego zdania."""
    encoder, step = translators[name]["encoder"], translators[name]["step"]
    x, n = encode_polish(sentences), len(sentences)
    encoder_states, state = encoder(x, training=False)
    memory, mask = np.repeat(np.asarray(encoder_states), width, axis=0), np.repeat(x != 0, width, axis=0)
    state = np.repeat(np.asarray(state), width, axis=0)
    scores = np.full((n, width), -np.inf)
    scores[:, 0] = 0.0  # na starcie jeden prefiks: <s>
    tokens, history = np.full((n * width, 1), EN_START, dtype="int32"), np.zeros((n, width, 0), dtype=int)
    finished = np.zeros((n, width), dtype=bool)
    for _ in range(MAX_EN):
        probs, state = step([tokens, state, memory, mask], training=False)[:2]
        log_probs = np.log(np.asarray(probs)[:, 0] + 1e-9).reshape(n, width, -1)
        log_probs[finished] = -np.inf
        log_probs[finished, EN_END] = 0.0  # zdanie zakończone nie zmienia już wyniku
        total = (scores[:, :, None] + log_probs).reshape(n, -1)
        best = np.argsort(-total, axis=1)[:, :width]
        beam, token = np.divmod(best, len(EN_VOCAB))
        scores = np.take_along_axis(total, best, axis=1)
        history = np.concatenate([np.take_along_axis(history, beam[:, :, None], axis=1), token[:, :, None]], 2)
        finished = np.take_along_axis(finished, beam, axis=1) | (token == EN_END)
        state = np.asarray(state)[(np.arange(n)[:, None] * width + beam).ravel()]
        tokens = token.reshape(-1, 1).astype("int32")
    return [english_text(row) for row in history[:, 0]]


# %% [markdown] slideshow={"slide_type": "fragment"}
# BLEU obu modeli GRU na zbiorze testowym przy szerokości wiązki $k$:

# %% slideshow={"slide_type": "skip"}
BEAM_WIDTHS, BEAM_MODELS = [1, 3, 5], ["GRU", "GRU z uwagą"]
beam_predictions = {(name, k): beam_decode(name, test_polish, k) for name in BEAM_MODELS for k in BEAM_WIDTHS}
beam_bleu = pd.DataFrame({f"k = {k}": {name: round(scores(beam_predictions[name, k], test_references)["BLEU"], 1)
                                       for name in BEAM_MODELS} for k in BEAM_WIDTHS})

# %% jupyter={"source_hidden": true} tags=["remove-input"]
beam_bleu

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: wiązka o szerokości 1 to dekodowanie zachłanne
assert all(beam_predictions[name, 1] == predictions[name] for name in BEAM_MODELS)

# %% [markdown] slideshow={"slide_type": "fragment"}
# Wiązka prawie nic nie zmienia: GRU bez uwagi 64,5 → 65,0 ($k = 3$) → 64,9 ($k = 5$),
# z uwagą 99,9 przy każdym $k$.

# %% [markdown] slideshow={"slide_type": "notes"}
# Wiązka pomaga, gdy model wybrał pochopnie słowo, a lepsze tłumaczenie miało tylko trochę
# mniejsze prawdopodobieństwo na początku. Model z uwagą i tak nie ma tu czego poprawiać.
# Model bez uwagi myli się prawdopodobnie dlatego, że źle zapamiętał zdanie: jeśli zła
# odpowiedź jest dla niego najbardziej prawdopodobna, szersza wiązka jej nie poprawi (tego
# nie sprawdzaliśmy). Nasza wiązka nie
# normalizuje wyniku przez długość tłumaczenia; przy długich zdaniach to ważne, bo suma
# logarytmów faworyzuje krótkie tłumaczenia.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Gdzie modele się mylą
#
# Dokładne dopasowanie na zdaniach testowych z danym zjawiskiem i według długości zdania
# polskiego (w nawiasie liczba zdań).

# %% slideshow={"slide_type": "skip"}
test_tags = [tags for _, _, tags in test_pairs]
test_length = np.array([len(tokenize(pl)) - 1 for pl in test_polish])  # słowa bez kropki
groups = {f"{p} ({sum(p in t for t in test_tags)})": np.array([p in t for t in test_tags]) for p in PHENOMENA}
for label, low, high in [("2–3 słowa", 2, 3), ("4–5 słów", 4, 5), ("6 słów", 6, 6)]:
    chosen = (test_length >= low) & (test_length <= high)
    groups[f"{label} ({chosen.sum()})"] = chosen
correct = {name: np.array(predictions[name]) == np.array(test_references) for name in translators}
by_group = pd.DataFrame({name: {group: round(float(correct[name][chosen].mean()), 3)
                                for group, chosen in groups.items()} for name in translators})

# %% jupyter={"source_hidden": true} tags=["remove-input"]
by_group

# %% [markdown] slideshow={"slide_type": "notes"}
# Model bez mechanizmu uwagi najczęściej myli się przy liczebnikach (0,123) i przymiotnikach
# (0,185), a przede wszystkim w dłuższych zdaniach: 0,605 dla 2–3 słów, 0,038 dla 6 słów.
# Zjawiska mieszają się tu z długością: zdania z przymiotnikiem albo liczebnikiem są średnio
# dłuższe, a każde dodatkowe słowo to więcej informacji, która musi przejść przez jeden
# wektor stanu. Szyk OVS (0,300) wypada nieco gorzej niż przeciętne zdanie (0,343), ale przy
# jednym ziarnie to na granicy szumu. Etykieta „czas przeszły” oznacza zdania, w których
# polski czasownik zależy od rodzaju (widział, widziała); po angielsku rodzaj znika.
# Modele z uwagą mylą się w pojedynczych zdaniach, za rzadko, żeby porównywać zjawiska; ich
# słabe strony pokazałby dopiero trudniejszy korpus.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Mapy uwagi: przestawiony szyk i podmiot domyślny
#
# U góry wagi mechanizmu uwagi modelu GRU, u dołu jednej głowy uwagi Transformera
# (dekoder patrzy na koder). Wiersz to słowo tłumaczenia, kolumna to słowo polskie.

# %% slideshow={"slide_type": "skip"}
map_sentences = [render({"subject": "kot", "verb": "widzieć", "tense": "present", "speaker": "m",
                         "object": "pies", "count": 1, "subject_adjective": None,
                         "object_adjective": "czarny", "negated": False, "order": "OVS"})[0],
                 render({"subject": None, "verb": "widzieć", "tense": "past", "speaker": "f",
                         "object": "krowa", "count": 1, "subject_adjective": None,
                         "object_adjective": None, "negated": True, "order": "SVO"})[0]]
map_x = encode_polish(map_sentences)
_, gru_weights = decode_ids(translators["GRU z uwagą"]["encoder"], translators["GRU z uwagą"]["step"],
                            map_x, EN_START, MAX_EN)
map_translations = translate("GRU z uwagą", map_sentences)
transformer_prefix = np.hstack([np.full((2, 1), EN_START), transformer_decode(transformer, map_x)])
_, transformer_weights = transformer_with_weights([map_x, transformer_prefix], training=False)
transformer_translations = translate("Transformer", map_sentences)
for sentence, gru_text, transformer_text in zip(map_sentences, map_translations, transformer_translations):
    print(f"{sentence} → GRU z uwagą: {gru_text}; Transformer: {transformer_text}")


# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_sentence_maps():
    """Mapy wag: wiersze GRU z uwagą i Transformer (głowa 0), kolumny dwa zdania."""
    fig, axes = plt.subplots(2, 2, figsize=(9, 5.6))
    rows = [("GRU z uwagą", gru_weights, map_translations),
            ("Transformer, głowa 0", np.asarray(transformer_weights)[:, 0], transformer_translations)]
    for r, (title, weights, translations) in enumerate(rows):
        for c, (sentence, translation) in enumerate(zip(map_sentences, translations)):
            source, target = tokenize(sentence), tokenize(translation) + ["</s>"]
            ax = axes[r, c]
            ax.imshow(weights[c][:len(target), :len(source)], cmap="Blues", vmin=0, vmax=1, aspect="auto")
            ax.set_xticks(range(len(source)), source, rotation=30, ha="right", fontsize=9)
            ax.set_yticks(range(len(target)), target, fontsize=9)
            ax.set_title(title, fontsize=10)
    fig.tight_layout()
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Cztery mapy cieplne wag uwagi w układzie dwa na dwa. Kolumny każdej mapy to słowa zdania polskiego, wiersze to słowa tłumaczenia. Lewa kolumna map: zdanie „Czarnego psa widzi kot.” przetłumaczone na „The cat sees a black dog.”: słowa „the cat” patrzą na „kot” na końcu zdania, „sees” na „widzi”, „black” na „czarnego”, a „dog” na „psa”, więc ciemne pola układają się w poprzek, a nie po przekątnej. Prawa kolumna: „Nie widziałam krowy.” przetłumaczone na „I did not see a cow.”: słowa „i”, „did” i „see” patrzą głównie na jedno słowo „widziałam”, a „cow” na „krowy”. Górny wiersz map to model GRU z mechanizmem uwagi, dolny jedna głowa uwagi Transformera; w Transformerze pola są ostrzejsze, a „not” patrzy na „nie” i na kropkę tylko częściowo."}} tags=["remove-input"]
draw_sentence_maps()

# %% [markdown] slideshow={"slide_type": "notes"}
# W zdaniu z szykiem OVS dopełnienie stoi na początku, a podmiot na końcu; angielskie
# tłumaczenie zaczyna od podmiotu, więc ciemne pola nie leżą na przekątnej, tylko „skaczą”:
# „cat” patrzy na ostatnie polskie słowo, „kot”. Po prawej jedno polskie słowo „widziałam”
# niesie osobę, czas, rodzaj i (z „nie”) przeczenie; po angielsku to cztery słowa „I did
# not see”. W mapie GRU wszystkie cztery patrzą głównie na to jedno słowo, a w głowie
# Transformera „not” i „see” dzielą uwagę między „nie”, „widziałam” i kropkę. Nikt nie podał
# modelom tego dopasowania słów: wynika tylko z uczenia tłumaczenia. Jedna głowa Transformera
# to tylko część obrazu: pozostałe głowy mogą patrzeć gdzie indziej, a wyjście łączy je wszystkie.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wypróbuj sam
#
# ✏️ Wpisz zdania po polsku, złożone ze słów słownika generatora. Słowa spoza słownika
# notatnik wypisze i zdania nie przetłumaczy.

# %% slideshow={"slide_type": "skip"}
def translate_all(sentences):
    """Tabela tłumaczeń trzech modeli; zdania z nieznanymi słowami wypisuje i pomija."""
    known = []
    for sentence in sentences:
        unknown = sorted(set(unknown_words(sentence)) | {t for t in tokenize(sentence) if t not in PL_INDEX})
        if unknown:
            print(f"„{sentence}”: nieznane słowa: {', '.join(unknown)} (słownik: NOUNS, VERBS, ADJECTIVES, "
                  "NUMERALS) — tego zdania nie tłumaczę.")
        else:
            known.append(sentence)
    return pd.DataFrame({name: translate(name, known) for name in translators}, index=known)


# %%
# ✏️ Tu wpisz własne zdania:
MY_POLISH = ["Czarnego psa widzi mała dziewczyna.", "Widziałem pięć białych kotów.",
             "Nie lubię starego domu.", "Kot widzi smoka."]
translate_all(MY_POLISH)

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż tabelę: modele z uwagą tłumaczą wszystkie trzy zdania poprawnie, a GRU bez uwagi zmyśla:
# „Widziałem pięć białych kotów.” tłumaczy jako „I saw five white donkeys.”, z dobrą składnią i
# liczebnikiem, ale złym rzeczownikiem. Zdanie „Kot widzi smoka.” notatnik odrzuca, bo słowa
# „smoka” nie ma w słowniku generatora. Zapytaj salę: jakie zdanie zaproponowalibyście, żeby sprawdzić
# szyk OVS albo przeczenie? Wpisz je na żywo.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Jak rozwijała się dziedzina
#
# - **Transformer** (Vaswani i in. 2017) porzucił sieci rekurencyjne: koder i dekoder
#   składają się z samych warstw uwagi, także między słowami tego samego zdania.
#   Wszystkie pozycje liczy się równolegle, więc uczenie na dużych korpusach jest dużo
#   szybsze; nasz mały Transformer to jedna warstwa kodera i jedna dekodera.
# - **Podsłowa**: słownik słów jest za duży i nie zna nowych słów, a znaki są za drobne.
#   Kodowanie par bajtów (BPE, *byte pair encoding*; Sennrich i in. 2016) buduje słownik
#   z częstych kawałków słów, np. „tłumacz” + „enie”; takich słowników używają też dzisiejsze
#   duże modele językowe.
# - **Dane**: miliony par zdań z korpusów równoległych (Tatoeba, OPUS), a nie zdania
#   z generatora.

# %% [markdown] slideshow={"slide_type": "notes"}
# Ten slajd łączy nasze małe eksperymenty z dzisiejszą praktyką: mały Transformer już widzieliśmy,
# a podsłów i wielkich korpusów w naszym przykładzie nie było. Podsłowa rozwiązują problem, który
# widzieliśmy przy „smoku”: słowo spoza słownika rozpada się na znane kawałki, zamiast stać się
# tokenem `<unk>`. Zapytaj salę: na jakie kawałki mógłby podzielić słowo „niezapominajka” słownik
# podsłów zbudowany na polskich tekstach?

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
# - Popović (2015), miara chrF: [ACL W15-3049](https://aclanthology.org/W15-3049/)
# - Post (2018), `sacrebleu`: [ACL W18-6319](https://aclanthology.org/W18-6319/)

# %% [markdown] slideshow={"slide_type": "notes"}
# Nie czytaj całej listy; wskaż dwie prace na początek: Bahdanau, Cho, Bengio (2014), czyli
# mechanizm uwagi w tłumaczeniu, i Vaswani i in. (2017), czyli Transformer. Prace o BLEU i chrF
# przydadzą się każdemu, kto będzie oceniał modele generujące tekst. Zapytaj salę: kto zna już
# Transformer z innego kontekstu, np. z dużych modeli językowych?

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Ćwiczenia
#
# Rozwiązania są w notatniku i na stronie, zwinięte pod każdym zadaniem.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 1.** Na których znakach daty RRRR-MM-DD mylą się oba modele? Policz odsetek
# błędnych znaków na każdej z 10 pozycji w zbiorze testowym. Co sprawia trudność modelowi
# bez mechanizmu uwagi?

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
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

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
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

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
n_in, n_state = EMBED_DIM, UNITS_RNN
by_formula = 3 * (n_in * n_state + n_state * n_state + 2 * n_state)
encoder_gru_layer = [layer for layer in seq2seq_encoder.layers if isinstance(layer, layers.GRU)][0]
print(f"wzór: 3 · ({n_in}·{n_state} + {n_state}·{n_state} + 2·{n_state}) = {by_formula}")
print(f"Keras: {encoder_gru_layer.count_params()}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Ćwiczenie 1 warto zrobić na zajęciach: w rozwiązaniu model bez uwagi myli się najczęściej na
# drugiej cyfrze miesiąca (15,9%) i dnia (15,6%), a rok ma prawie zawsze dobrze. Ćwiczenie 2
# pokazuje granice modeli: „31 lutego 2024 r.” oba tłumaczą posłusznie na 2024-02-31, bo
# kalendarza nie znają. W ćwiczeniu 3 wzór i `count_params()` dają tę samą liczbę, 18816. Zapytaj
# salę przed pokazaniem rozwiązania: na której pozycji daty spodziewacie się najwięcej błędów i
# dlaczego?

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
# - na zdaniach z polskiego na angielski (odmiana, szyk OVS, podmiot domyślny, przeczenie,
#   liczebniki) GRU bez uwagi osiąga BLEU 64,5, z uwagą 99,9, a mały Transformer 99,8;
#   przeszukiwanie wiązkowe prawie nic tu nie zmienia;
# - współczesne systemy to Transformery na podsłowach, uczone na milionach par zdań.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź przez punkty podsumowania i połącz je z liczbami: BLEU 64,5 bez uwagi wobec 99,9
# z uwagą, na tych samych danych i po tej samej liczbie epok. Przypomnij, że nasze zdania są
# krótkie i regularne, więc to wynik na korpusie z generatora, a nie na prawdziwym tekście.
# Zapytaj salę: który z trzech modeli wybralibyście do tłumaczenia prawdziwych tekstów i dlaczego?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Trzy rzeczy do zapamiętania
#
# - koder–dekoder: koder czyta zdanie, dekoder pisze tłumaczenie token po tokenie;
# - mechanizm uwagi usuwa wąskie gardło jednego wektora: dekoder w każdym kroku patrzy
#   na całe zdanie źródłowe;
# - Transformer zastępuje rekurencję warstwami uwagi i jest podstawą dzisiejszych systemów
#   tłumaczenia.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przeczytaj trzy punkty na głos i przy każdym wskaż slajd, z którego pochodzi. Zapytaj salę:
# „Który z tych punktów najtrudniej byłoby wam wyjaśnić koledze?” i wróć krótko do tego
# miejsca. To też dobra chwila na pytania przed następnym tematem.

# %% [markdown] slideshow={"slide_type": "skip"}
# Najważniejsze liczby notatnika, po jednej w wierszu:

# %% slideshow={"slide_type": "skip"}
print(f"date_seq2seq_exact_match: {seq2seq_exact:.4f}")
print(f"date_attention_exact_match: {attention_exact:.4f}")
print(f"date_seq2seq_train_seconds: {seq2seq_seconds:.1f}")
print(f"date_attention_train_seconds: {attention_seconds:.1f}")
keys = {"GRU": "seq2seq", "GRU z uwagą": "attention", "Transformer": "transformer"}
for name, key in keys.items():
    print(f"bleu_{key}: {results.loc[name, 'BLEU']:.1f}")
    print(f"chrf_{key}: {results.loc[name, 'chrF']:.1f}")
    print(f"exact_match_{key}: {results.loc[name, 'dokładne dopasowanie']:.3f}")
    print(f"params_{key}: {results.loc[name, 'parametry']}")
    print(f"train_seconds_{key}: {translators[name]['seconds']:.1f}")
for k in BEAM_WIDTHS:
    print(f"bleu_seq2seq_beam{k}: {beam_bleu.loc['GRU', f'k = {k}']:.1f}")
    print(f"bleu_attention_beam{k}: {beam_bleu.loc['GRU z uwagą', f'k = {k}']:.1f}")
print(f"train_pairs: {len(train_pairs)}")
print(f"test_pairs: {len(test_pairs)}")
print(f"sentence_epochs: {SENTENCE_EPOCHS}")
print(f"fast_mode: {FAST}")
