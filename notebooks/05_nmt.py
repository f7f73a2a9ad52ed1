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
#     quoted:
#       alignment_accuracy_attention: 3
#       alignment_accuracy_transformer: 3
#       alignment_next_word_attention: 3
#       beam_model_error_share: 3
#       beam_wrong_attention_long_k1: 0
#       beam_wrong_attention_long_k5: 0
#       beam_wrong_seq2seq_k1: 0
#       bleu_attention: 1
#       bleu_attention_beam3_long: 1
#       bleu_attention_beam5_long: 1
#       bleu_attention_beam5_norm_long: 1
#       bleu_attention_long: 1
#       bleu_attention_unseen: 1
#       bleu_by_hand: 2
#       bleu_seq2seq: 1
#       bleu_seq2seq_beam3: 1
#       bleu_seq2seq_beam3_long: 1
#       bleu_seq2seq_beam5: 1
#       bleu_seq2seq_long: 1
#       bleu_seq2seq_unseen: 1
#       bleu_transformer: 1
#       bleu_transformer_long: 1
#       bleu_transformer_unseen: 1
#       bpe_merges: 0
#       exact_match_attention: 3
#       exact_match_attention_long: 3
#       exact_match_attention_unseen: 3
#       exact_match_seq2seq: 3
#       exact_match_seq2seq_long: 3
#       exact_match_transformer_long: 3
#       exact_match_transformer_unseen: 3
#     result: 'BLEU na zbiorze testowym: {bleu_seq2seq} (GRU), {bleu_attention} (z uwagą), {bleu_transformer}
#       (Transformer); na dłuższych zdaniach: {bleu_seq2seq_long}, {bleu_attention_long}, {bleu_transformer_long}'
#     summary: 'Koder–dekoder i mechanizm uwagi na zdaniach z polskiego na angielski z przypadkami,
#       szykiem OVS, przeczeniem i liczebnikami: GRU, GRU z mechanizmem uwagi i mały Transformer,
#       testy na dłuższych zdaniach i nowych połączeniach, BLEU i chrF, przeszukiwanie wiązkowe,
#       uwaga a dopasowanie słów, podsłowa BPE; daty zapisane słowami jako ćwiczenie.'
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
# - jak mechanizm uwagi (*attention*) pozwala dekoderowi w każdym kroku patrzeć na całe zdanie
#   źródłowe,
# - zadanie, które notatnik tworzy sam: zdania z polskiego na angielski z generatora, który zna
#   odmianę, rodzaj, szyk, przeczenie i liczebniki,
# - trzy modele typu ciąg do ciągu (seq2seq, *sequence-to-sequence*): GRU, GRU z mechanizmem uwagi
#   i mały Transformer; testy na dłuższych zdaniach i nowych połączeniach, miary BLEU (także
#   policzone ręcznie) i chrF, przeszukiwanie wiązkowe, uwaga a dopasowanie słów,
# - jak rozwijała się dziedzina: podsłowa (mały BPE) i prawdziwe korpusy.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # bez komunikatów TF przy imporcie
FAST = os.environ.get("COURSE_FAST") == "1"  # tryb szybki: mało danych i epok (CI)

# %% [markdown] slideshow={"slide_type": "skip"}
# Potrzebne biblioteki: NumPy do rachunków, pandas do tabel, Keras do sieci neuronowych,
# Matplotlib do rysunków, TensorFlow do strumienia wsadów, `datetime` z biblioteki standardowej
# do dat w ćwiczeniu i `sacrebleu` do miar BLEU i chrF (w Colab instalujemy ją przez `pip`).
# Notatnik nie wczytuje żadnych plików: dane tworzy sam.

# %% slideshow={"slide_type": "skip"} tags=["remove-stderr"]
import datetime
import re
from collections import Counter
import subprocess
import sys
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import tensorflow as tf
from keras import layers
from matplotlib import patheffects
from matplotlib.patches import FancyBboxPatch, Rectangle
from matplotlib.ticker import FuncFormatter

plt.rcParams["figure.dpi"] = 80
DECIMAL_COMMA = FuncFormatter(lambda value, _: f"{value:g}".replace(".", ","))  # 0,5 zamiast 0.5
# %config InlineBackend.figure_formats = ["retina"]  # rysunki w podwójnej rozdzielczości: ostre na slajdach
try:
    import sacrebleu
except ImportError:  # np. w Colab
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "sacrebleu==2.6.0"], check=True)
    import sacrebleu

# %% [markdown] slideshow={"slide_type": "notes"}
# Plan wykładu: najpierw model koder–dekoder i mechanizm uwagi na schematach, potem zdania
# z polskiego na angielski i porównanie trzech modeli na tych samych danych. Wszystkie dane
# notatnik tworzy sam, więc każdy może go uruchomić bez pobierania korpusów. Na początek zbierz doświadczenia
# sali: kto z was korzystał z tłumacza internetowego i w jakich zdaniach zauważyliście najwięcej błędów?

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Tłumaczenie jako zadanie na ciągach
#
# - Zdanie źródłowe $x_1, \ldots, x_S$ (np. po polsku) zamieniamy na zdanie docelowe
#   $y_1, \ldots, y_T$ (np. po angielsku); długości $S$ i $T$ są zwykle **różne**.
# - To zadanie typu wiele do wielu (*many-to-many*) z opóźnieniem z tematu 5.1: najpierw
#   czytamy całe zdanie, potem piszemy tłumaczenie.
# - Neuronowe tłumaczenie maszynowe (NMT) robi to **jedną siecią** uczoną od początku do końca
#   na parach zdań; dawne systemy statystyczne składały tłumaczenie z osobnych modeli (tabela
#   fraz, model języka, model przestawień), a wagi tych części stroiło się automatycznie na
#   zbiorze walidacyjnym (MERT, Och 2003).

# %% [markdown] slideshow={"slide_type": "notes"}
# Podkreśl, że zdanie źródłowe i docelowe mają zwykle różną długość, więc nie wystarczy sieć,
# która dla każdego słowa wejścia wypisuje jedno słowo wyjścia. Przypomnij schematy wiele do wielu
# z tematu 5.1 i wskaż wariant z opóźnieniem: najpierw czytamy całe zdanie, dopiero potem piszemy.
# Szyk OVS dobrze to ilustruje: dlaczego przy zdaniu „Psa widzi kot.” nie da się dobrze zacząć tłumaczenia zaraz
# po pierwszym słowie?

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Model koder–dekoder
#
# Tłumaczenie neuronowe korzysta z tego samego układu koder–dekoder co autoenkoder
# (*autoencoder*) z tematu 5.3, ale wyjście nie powtarza wejścia: to inny ciąg, zwykle o innej
# długości.
# - Koder czyta zdanie źródłowe token po tokenie; jego ostatni stan to **wektor**, który
#   streszcza całe zdanie.
# - Dekoder rozwija ten wektor w zdanie docelowe, po jednym tokenie na krok, aż wypisze znak
#   końca zdania.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def new_diagram(width, height, title):
    """Tworzy pusty rysunek bez osi o podanym rozmiarze w calach."""
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=11)
    return fig, ax


def draw_box(ax, x, y, label, color="#dbe9f6", width=1.2, height=0.9, fontsize=10):
    """Rysuje zaokrąglony prostokąt z podpisem o środku w (x, y)."""
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.05", fc=color, ec="k"))
    ax.text(x, y, label, ha="center", va="center", fontsize=fontsize)


def line(ax, *points, color="k", lw=1.2, **style):
    """Rysuje łamaną bez strzałki przez podane punkty."""
    xs, ys = zip(*points)
    ax.plot(xs, ys, color=color, lw=lw, **style)


def arrow(ax, *points, color="k", lw=1.2, style="-|>", halo=None, **arrowprops):
    """Rysuje łamaną przez podane punkty ze strzałką na ostatnim odcinku.

    Z `halo` (kolorem tła) łamana przechodzi nad inną linią: obwódka w tym kolorze przerywa
    tamtą, więc taka łamana powinna zaczynać się w pustym miejscu."""
    over = {}
    if halo:
        over = {"zorder": 3.5}
        line(ax, *points, color=color, lw=lw, solid_capstyle="butt",
             path_effects=[patheffects.withStroke(linewidth=lw + 6, foreground=halo)], **over)
    elif len(points) > 2:
        line(ax, *points[:-1], color=color, lw=lw, zorder=0)
    ax.annotate("", xy=points[-1], xytext=points[-2], **over,
                arrowprops={"arrowstyle": style, "color": color, "lw": lw, "shrinkA": 0, "shrinkB": 0,
                            **arrowprops})


def draw_translation_model(attention=False):
    """Schemat NMT: koder czyta „Ala ma kota”, dekoder pisze „Ala has a cat”."""
    title = ("Koder–dekoder z mechanizmem uwagi: dekoder patrzy na wszystkie stany kodera" if attention
             else "Koder–dekoder: całe zdanie przechodzi przez jeden wektor stanu")
    fig, ax = new_diagram(8, 2.9, title)
    source, target = ["Ala", "ma", "kota"], ["Ala", "has", "a", "cat", "</s>"]
    enc_x = [0.0, 1.3, 2.6]
    dec_x = [4.4 + 1.3 * i for i in range(len(target))]
    ax.add_patch(Rectangle((-0.6, 0.45), 3.8, 1.1, fc="#eef6ee", ec="none", zorder=-2))
    ax.add_patch(Rectangle((3.8, 0.45), 6.4, 1.1, fc="#fdf1e6", ec="none", zorder=-2))
    ax.text(1.3, -0.85, "koder (język źródłowy)", ha="center", fontsize=10)
    ax.text(7.0, -0.85, "dekoder (język docelowy)", ha="center", fontsize=10)
    for i, (x, word) in enumerate(zip(enc_x, source)):
        draw_box(ax, x, 1, "GRU", "#c9e8c9", width=0.76, height=0.5, fontsize=9)
        ax.text(x, -0.2, word, ha="center", va="center", fontsize=10)
        arrow(ax, (x, 0.0), (x, 0.71))
        if i < len(source) - 1:
            arrow(ax, (x + 0.42, 1), (enc_x[i + 1] - 0.42, 1))
    arrow(ax, (enc_x[-1] + 0.42, 1), (dec_x[0] - 0.42, 1), color="tab:red", lw=2)
    ax.text((enc_x[-1] + dec_x[0]) / 2, 1.12, "$h$", color="tab:red", ha="center", va="bottom", fontsize=12)
    for i, (x, word) in enumerate(zip(dec_x, target)):
        draw_box(ax, x, 1, "GRU", "#fde0c5", width=0.76, height=0.5, fontsize=9)
        ax.text(x, -0.2, (["<s>"] + target)[i], ha="center", va="center", fontsize=10, color="dimgray")
        arrow(ax, (x, 0.0), (x, 0.71))
        arrow(ax, (x, 1.29), (x, 1.85))
        ax.text(x, 2.05, word, ha="center", va="center", fontsize=10, weight="bold")
        if i < len(target) - 1:
            arrow(ax, (x + 0.42, 1), (dec_x[i + 1] - 0.42, 1))
            arrow(ax, (x + 0.25, 1.95), (dec_x[i + 1] - 0.2, 0.05), color="gray", lw=0.8, ls="--")
    if attention:
        step, weights = 3, [0.15, 0.15, 0.7]  # „cat” patrzy głównie na „kota”
        x, join = dec_x[step], 1.66  # c_t dołącza do s_t nad komórką GRU (układ Luonga)
        context = (x - 0.65, 2.75)
        for x_enc, weight in zip(enc_x, weights):
            arrow(ax, (x_enc, 1.29), context, color="tab:blue", lw=0.5 + 4 * weight, style="-",
                  connectionstyle="angle3,angleA=90,angleB=0", alpha=0.8)
        ax.add_patch(plt.Circle(context, 0.22, fc="#dbe9f6", ec="tab:blue", zorder=3))
        ax.text(*context, "$c_t$", ha="center", va="center", fontsize=10, zorder=4)
        arrow(ax, (context[0], context[1] - 0.22), (context[0], join), (x - 0.05, join), color="tab:blue", lw=1.5)
        ax.plot(x, join, "o", color="tab:blue", ms=5, zorder=4)
        ax.text(x - 0.08, 1.42, "$s_t$", ha="right", va="center", fontsize=10)
        arrow(ax, (x, 1.42), (x + 0.6, 1.42), (x + 0.6, context[1]), (context[0] + 0.22, context[1]),
              color="tab:blue", lw=1, ls="--")  # s_t jako zapytanie
        ax.text(x - 0.9, 3.12, "$c_t = \\sum_j \\alpha_{tj} h_j$", color="tab:blue",
                ha="right", va="center", fontsize=10)
    ax.set(xlim=(-0.7, 10.3), ylim=(-1.1, 3.4 if attention else 2.4))
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
#   Wszystkie kroki liczymy jednym wywołaniem modelu, bez pętli w Pythonie; GRU i tak
#   przechodzi przez nie po kolei, a dopiero Transformer liczy je naprawdę równolegle.
# - Cena: przy uczeniu dekoder nigdy nie widzi własnych błędów, a przy tłumaczeniu dostaje
#   własne wyjścia. Tę rozbieżność nazywa się *exposure bias* (błąd ekspozycji).

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż przesunięcie o jeden krok: na wejściu dekodera `<s> Ala has a cat`, na wyjściu
# `Ala has a cat </s>`. Ponieważ poprawne poprzednie słowa znamy z góry, wszystkie kroki dekodera
# liczymy jednym wywołaniem modelu, bez pętli dekodowania w Pythonie. Uzasadnij tę metodę pytaniem: co by się
# działo na początku uczenia, gdyby dekoder dostawał własne, jeszcze przypadkowe przewidywania? Uczyłby się dopisywać dalszy
# ciąg do błędnych początków zdań.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Tłumaczenie: dekodowanie zachłanne
#
# - Gdy tłumaczymy nowe zdanie, poprawnego wyniku nie znamy, więc dekoder dostaje **własne**
#   poprzednie wyjście (przerywane strzałki na rysunku).
# - Dekodowanie zachłanne: w każdym kroku wybieramy najbardziej prawdopodobne słowo
#   i podajemy je dalej, aż do `</s>`.
# - To pętla w Pythonie, krok po kroku, ale dla **całego wsadu zdań naraz**.
# - Alternatywą jest przeszukiwanie wiązkowe (*beam search*): pamięta kilka najlepszych
#   częściowych tłumaczeń zamiast jednego. Czy to pomaga, zmierzymy niżej.

# %% [markdown] slideshow={"slide_type": "notes"}
# Tu widać różnicę między uczeniem a tłumaczeniem: przy tłumaczeniu poprawnej odpowiedzi nie
# znamy, więc dekoder dostaje własne poprzednie słowo (przerywane strzałki na rysunku). Błąd z
# początku przenosi się na dalsze kroki, a dekodowanie zachłanne nie może się już wycofać. Sprawdź
# intuicję słuchaczy: czy wybór najbardziej prawdopodobnego słowa w każdym kroku zawsze daje najbardziej
# prawdopodobne całe zdanie? Nie musi; przy przeszukiwaniu wiązkowym sprawdzimy, czy szersze
# szukanie poprawia wynik.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Mechanizm uwagi
#
# - Bez mechanizmu uwagi całe zdanie, niezależnie od długości, musi się zmieścić w jednym wektorze
#   stanu $h$: to **wąskie gardło**. Jakość takich tłumaczeń wyraźnie spada wraz z długością
#   zdania (Bahdanau i in. 2015, rys. 2).
# - Bahdanau i in. (2015): dekoder w każdym kroku $t$ patrzy na **wszystkie** stany
#   kodera $h_1, \ldots, h_S$ i sam wybiera, które są teraz ważne.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Ten sam schemat koder–dekoder dla zdania „Ala ma kota” → „Ala has a cat”, z dodanymi niebieskimi łukami uwagi: łuki od wszystkich trzech komórek kodera zbiegają się w kółku c_t (wektor kontekstu); najgrubszy łuk wychodzi od komórki, która przeczytała „kota”. Przerywana strzałka prowadzi od wyjścia s_t komórki GRU dekodera w kroku piszącym „cat” do kółka c_t: stan s_t jest zapytaniem. Ciągła strzałka z c_t dochodzi nad tą komórką do jej wyjścia s_t, a z połączenia obu wektorów powstaje słowo „cat”. Nad kółkiem, po lewej, wzór c_t = suma po j wag α_tj razy stany h_j."}} tags=["remove-input"]
draw_translation_model(attention=True)

# %% [markdown] slideshow={"slide_type": "notes"}
# Rysunek to ten sam schemat co wcześniej, z dodanymi niebieskimi łukami: wektor kontekstu $c_t$
# to średnia ważona wszystkich stanów kodera. Wskaż najgrubszy łuk, od komórki, która przeczytała
# „kota”, do kroku piszącego „cat”: w tym kroku dekoder patrzy głównie na to słowo. Przerywana
# strzałka to zapytanie: wyjście $s_t$ komórki GRU decyduje, których stanów kodera szukać,
# a gotowy $c_t$ dołącza do $s_t$ nad komórką, tuż przed wyborem słowa. Czerwona
# strzałka $h$ zostaje, ale nie musi już nieść całego zdania. Sprawdź odczytanie rysunku:
# na które słowo źródła powinien patrzeć dekoder, gdy pisze „has”?

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
# - U Bahdanau i in. (2015) ocena używa **poprzedniego** stanu,
#   $e_{tj} = v^\top \tanh(W s_{t-1} + U h_j)$, a $c_t$ wchodzi na wejście GRU dekodera.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź przez wzór od lewej: ocena $e_{tj}$ mówi, jak bardzo stan kodera $h_j$ pasuje do
# bieżącego stanu dekodera, softmax zamienia oceny na wagi sumujące się do 1, a kontekst to
# średnia ważona stanów kodera. Wszystkie te działania są różniczkowalne, więc wagi uczą się razem
# z resztą sieci, bez żadnych wskazówek, które słowa sobie odpowiadają. Rolę softmaksu pokaże
# skrajny przypadek: co by było, gdyby wszystkie wagi były równe? Kontekst byłby zwykłą średnią stanów i dekoder nie mógłby
# wybrać słowa.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Zadanie: zdania z polskiego na angielski
#
# Prawdziwe korpusy tłumaczeń są ogromne, a modele uczy się na nich godzinami lub dniami.
# Notatnik sam tworzy zdania, w których polski i angielski naprawdę się różnią:
#
# | zjawisko | po polsku | po angielsku |
# |---|---|---|
# | przypadek | kot, kota, kotów | cat, cats |
# | rodzaj w czasie przeszłym | widział, widziała | saw |
# | swobodny szyk (OVS) | Psa widzi kot. | The cat sees a dog. |
# | podmiot domyślny | Widzę psa. | I see a dog. |
# | przeczenie z dopełniaczem | Widzę krowę. Nie widzę krowy. | I (do not) see a cow. |
# | liczebnik | dwa koty, pięć kotów | two cats, five cats |
# | liczebnik w podmiocie | Dwa koty spały. Pięć kotów spało. | Two / Five cats slept. |
# | przeczenie z liczebnikiem | Nie widzę pięciu kotów. | I do not see five cats. |
# | przymiotnik | czarnego kota, czarną krowę | a black cat, a black cow |

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź przez tabelę od góry i przy każdym wierszu wskaż, co model musi zrobić. Przy
# przeczeniu widać zmianę formy: „krowę” po „nie” staje się „krowy” (przy „psa” nic by się nie
# zmieniło, bo biernik i dopełniacz są tu równe). Przy liczebnikach zgoda idzie w dwie strony:
# „dwa koty spały”, ale „pięć kotów spało”, z czasownikiem w liczbie pojedynczej
# i rodzaju nijakim; po angielsku oba zdania mają to samo „slept”. Niech sala obstawi,
# które z tych zjawisk sprawi modelom najwięcej kłopotu; wrócimy do tego przy wynikach.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Umowy: jedno tłumaczenie wzorcowe na zdanie
#
# - **Przedimki**: podmiot zawsze z „the”, dopełnienie z „a”/„an”, także w szyku OVS
#   (naturalniej byłoby „A brother sees the bed.” dla „Łóżko widzi brat.”); bez zaimków
#   dzierżawczych („the grandmother”, nie „her grandmother”).
# - **Aspekt**: wszystkie czasowniki są niedokonane, a tłumaczymy je czasem prostym:
#   „Kupowałem gruszki.” → „I bought pears.”, choć często lepsze byłoby „I was buying”
#   albo „I used to buy”.
# - **Liczebniki** tylko przy zwierzętach i rzeczach: osoby są zawsze w liczbie pojedynczej,
#   więc nie ma form męskoosobowych („dwaj bracia spali”, „pięciu braci spało”).
# - Powód (przedimki, aspekt): bez kontekstu nie da się wybrać między tymi wariantami,
#   a jeden wzorzec na zdanie pozwala liczyć BLEU i dokładną zgodność bez wielu wzorców.

# %% [markdown] slideshow={"slide_type": "notes"}
# Angielski ma przedimki i aspekt gramatyczny, których polskie zdanie nie rozstrzyga: to, czy
# „a dog”, czy „the dog”, albo czy „kupowałem” to „I bought”, „I was buying”, czy „I used to
# buy”, zależy od kontekstu, którego pojedyncze zdanie nie niesie. Stała umowa daje każdemu
# zdaniu polskiemu dokładnie jeden przekład, więc miary porównują model z jednym wzorcem.
# Prawdziwe zbiory testowe mają często kilka wzorców na zdanie właśnie z tego powodu.
# Niejednoznaczność przedimka pokaż na przykładzie: jak przetłumaczylibyście „Łóżko widzi brat.” w opowiadaniu, w którym brat
# pojawił się po raz pierwszy?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Generator zdań
#
# Notatnik sam tworzy pary zdań: słownik 50 rzeczowników, 16 przymiotników, 17 czasowników
# (w tym 2 nieprzechodnie: „spać”, „biegać”) i 5 liczebników z formami potrzebnymi w zdaniach
# oraz prosta gramatyka (z liczebnikami w podmiocie i po przeczeniu). Każde zdanie dostaje etykiety
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

# Czasowniki, wszystkie niedokonane: cz. teraźniejszy 1 i 3 os. lp., przeszły 3 os. m/ż, przeszły
# 1 os. m/ż; angielski: bezokolicznik, 3 os., przeszły; klasy możliwych podmiotów i dopełnień
# (ogranicza dziwactwa znaczeniowe). Przechodnie łączą się z biernikiem (z dopełniaczem po „nie”),
# nieprzechodnie (dopełnienia „-”) nie mają dopełnienia.
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
spać      śpię      śpi      spał      spała      spałem      spałam      sleep    sleeps    slept      PA -
biegać    biegam    biega    biegał    biegała    biegałem    biegałam    run      runs      ran        PA -
""", ("lemma", "pres1", "pres3", "past3m", "past3f", "past1m", "past1f",
      "en", "en3", "en_past", "subjects", "objects"))

# Przymiotniki regularne (odmiana w adjective_form); klasy rzeczowników, z którymi się łączą.
ADJECTIVES = parse_table("""
duży     big       PAT   mały     small     PAT   stary    old       PAT   nowy     new       AT
ładny    pretty    PAT   czarny   black     AT    biały    white     AT    zielony  green     T
czerwony red       T     szybki   fast      A     wysoki   tall      P     głodny   hungry    PA
smutny   sad       PA    wesoły   happy     PA    tani     cheap     T     drogi    expensive T
""", ("lemma", "en", "classes"))

# Liczebnik: forma dla rodzaju m/n, forma żeńska, angielski, dopełniacz („nie widzę pięciu kotów”).
NUMERALS = {2: ("dwa", "dwie", "two", "dwóch"), 3: ("trzy", "trzy", "three", "trzech"),
            4: ("cztery", "cztery", "four", "czterech"), 5: ("pięć", "pięć", "five", "pięciu"),
            6: ("sześć", "sześć", "six", "sześciu")}
# Podmiot z liczebnikiem (tylko zwierzęta, rodzaj niemęskoosobowy): po 2–4 czasownik w lm.
# („dwa koty widzą”, „spały”), po 5–6 w 3 os. lp., w czasie przeszłym rodzaju nijakiego
# („pięć kotów widzi”, „spało”). Formy lm. i nijakie tworzymy regularnie z tabeli.
for _verb in VERBS.values():
    _verb["pres3pl"] = _verb["pres1"][:-1] + ("ą" if _verb["pres1"].endswith("ę") else "ją")
    _verb["past3pl"], _verb["past3n"] = _verb["past3f"][:-1] + "y", _verb["past3f"][:-1] + "o"
# „Ładny” o mężczyźnie to po angielsku „handsome”, nie „pretty”.
ENGLISH_FOR_MEN = {"ładny": "handsome"}
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
    if count > 1:                    # 2–4: mianownik/biernik lm., 5–6 i każdy dopełniacz: dopełniacz lm.
        return stem_e + "e" if count < 5 and case != "gen" else lemma + "ch"
    if gender == "f":
        return {"nom": stem_a + "a", "acc": stem_a + "ą", "gen": stem_e + "ej"}[case]
    if case == "gen" or (case == "acc" and gender in ("m-pers", "m-anim")):
        return stem_e + "ego"
    return stem_e + "e" if gender == "n" else lemma


def polish_np(lemma, adjective, case, count=1):
    """Fraza [liczebnik] [przymiotnik] rzeczownik; w lm. po 2–4 mianownik, po 5–6 dopełniacz,
    w dopełniaczu (po „nie”) liczebnik też w dopełniaczu: „dwóch krów”, „pięciu kotów”."""
    noun = NOUNS[lemma]
    if count == 1:
        words = [noun[case]]
    elif case == "gen":
        words = [NUMERALS[count][3], noun["gen_pl"]]
    else:
        words = [NUMERALS[count][noun["gender"] == "f"], noun["nom_pl" if count < 5 else "gen_pl"]]
    if adjective:
        words.insert(-1, adjective_form(adjective, case, noun["gender"], count))
    return words


def english_np(lemma, adjective, count, definite):
    """Angielska fraza: the/a/an lub liczebnik (bez przedimka), przymiotnik, rzeczownik."""
    noun = NOUNS[lemma]
    men = noun["gender"] == "m-pers" and adjective in ENGLISH_FOR_MEN
    words = [ENGLISH_FOR_MEN[adjective] if men else ADJECTIVES[adjective]["en"]] if adjective else []
    words.append(noun["en"] if count == 1 else noun["en_pl"])
    if count > 1:
        return [NUMERALS[count][2]] + words
    if definite:
        return ["the"] + words
    return ["an" if words[0][0] in "aeiou" else "a"] + words


def polish_verb(spec):
    """Forma czasownika (osoba, liczba, czas, rodzaj w czasie przeszłym), z „nie” przy przeczeniu."""
    subject, count, present = spec["subject"], spec["subject_count"], spec["tense"] == "present"
    if subject is None:
        key = "pres1" if present else "past1" + spec["speaker"]
    elif 2 <= count <= 4:
        key = "pres3pl" if present else "past3pl"
    elif count > 4:
        key = "pres3" if present else "past3n"
    else:
        key = "pres3" if present else "past3" + ("f" if NOUNS[subject]["gender"] == "f" else "m")
    return (["nie"] if spec["negated"] else []) + [VERBS[spec["verb"]][key]]


def english_verb(spec):
    """Angielski czasownik; przeczenie z do/does/did not."""
    verb, third = VERBS[spec["verb"]], spec["subject"] is not None and spec["subject_count"] == 1
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
    subject, intransitive = spec["subject"], VERBS[spec["verb"]]["objects"] == "-"
    if intransitive != (spec["object"] is None):
        raise ValueError("dopełnienie mają tylko czasowniki przechodnie")
    if spec["object"] is not None and spec["count"] > 1 and NOUNS[spec["object"]]["cls"] == "P":
        raise ValueError("osoby tylko w liczbie pojedynczej")
    if subject is not None and not NOUNS[subject]["subject"]:
        raise ValueError(f"{subject} nie może być podmiotem")
    if spec["subject_count"] > 1 and (subject is None or NOUNS[subject]["cls"] != "A"):
        raise ValueError("liczebnik w podmiocie tylko przy zwierzętach")
    # OVS tylko z podmiotem, którego mianownik różni się od biernika („mysz”, „dwa koty”
    # byłyby dwuznaczne).
    if spec["order"] == "OVS" and (subject is None or intransitive or spec["subject_count"] > 1
                                   or NOUNS[subject]["nom"] == NOUNS[subject]["acc"]):
        raise ValueError("szyk OVS wymaga jednoznacznego podmiotu")


def render(spec):
    """Specyfikacja -> (zdanie polskie, zdanie angielskie)."""
    check(spec)
    case, has_object = "gen" if spec["negated"] else "acc", spec["object"] is not None
    obj = polish_np(spec["object"], spec["object_adjective"], case, spec["count"]) if has_object else []
    verb = polish_verb(spec)
    if spec["subject"] is None:
        polish, english_subject = verb + obj, ["I"]
    else:
        subject = polish_np(spec["subject"], spec["subject_adjective"], "nom", spec["subject_count"])
        polish = subject + verb + obj if spec["order"] == "SVO" else obj + verb + subject
        english_subject = english_np(spec["subject"], spec["subject_adjective"], spec["subject_count"], True)
    english_obj = english_np(spec["object"], spec["object_adjective"], spec["count"], False) if has_object else []
    return sentence(polish), sentence(english_subject + english_verb(spec) + english_obj)


def phenomena(spec):
    """Zjawiska w zdaniu. „przypadek”: dopełnienie (bez liczebnika) różni się od mianownika
    tej samej liczby (psa, czarną mysz, pięć kotów – ale nie: okno, dwa koty)."""
    count, skip, changed = spec["count"], int(spec["count"] > 1), False
    if spec["object"] is not None:
        case = "gen" if spec["negated"] else "acc"
        form = polish_np(spec["object"], spec["object_adjective"], case, count)[skip:]
        changed = form != polish_np(spec["object"], spec["object_adjective"], "nom", min(count, 2))[skip:]
    flags = {"przypadek": changed, "czas przeszły": spec["tense"] == "past",
             "szyk OVS": spec["order"] == "OVS", "podmiot domyślny": spec["subject"] is None,
             "przeczenie": spec["negated"], "liczebnik": max(count, spec["subject_count"]) > 1,
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
    objects = [n for n, x in NOUNS.items() if x["cls"] in VERBS[verb]["objects"] and n != subject]
    obj = choose(rng, objects) if objects else None  # czasownik nieprzechodni: bez dopełnienia
    negated = bool(rng.random() < 0.25)
    count = int(rng.integers(2, 7)) if obj and NOUNS[obj]["cls"] != "P" and rng.random() < 0.4 else 1
    subject_count = int(rng.integers(2, 7)) if cls == "A" and rng.random() < 0.3 else 1
    ovs_ok = (subject is not None and obj is not None and subject_count == 1
              and NOUNS[subject]["nom"] != NOUNS[subject]["acc"])
    return {"subject": subject, "subject_count": subject_count, "verb": verb,
            "tense": "past" if rng.random() < 0.5 else "present",
            "speaker": "f" if rng.random() < 0.5 else "m",
            "object": obj, "count": count,
            "subject_adjective": pick_adjective(rng, subject) if subject else None,
            "object_adjective": pick_adjective(rng, obj) if obj else None,
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
        if "A" in verb["subjects"]:  # podmiot z liczebnikiem to zawsze zwierzęta
            words.update(verb[k] for k in ("pres3pl", "past3pl", "past3n"))
    for lemma, noun in NOUNS.items():
        slots = [("acc", 1), ("gen", 1)] + [("nom", 1)] * noun["subject"]
        slots += [(case, c) for case in ("acc", "gen") for c in NUMERALS] if noun["cls"] != "P" else []
        slots += [("nom", c) for c in NUMERALS] if noun["cls"] == "A" else []
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
# w których zdaniach modele się mylą. Wyjaśnij ograniczenia generatora pytaniem: po co
# ustalamy, które rzeczowniki mogą być podmiotem danego czasownika? Żeby zdania nie były zbyt dziwne: podmiotem bywa tylko osoba albo
# zwierzę, więc krzesło niczego nie widzi.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Przykładowe pary

# %% tags=["nbval-check-output"]
pd.DataFrame([(polish, english, ", ".join(sorted(tags))) for polish, english, tags in make_corpus(6, seed=3)],
             columns=["po polsku", "po angielsku", "zjawiska"])

# %% [markdown] slideshow={"slide_type": "notes"}
# Co taki korpus może pokazać, a czego nie: wszystkie zjawiska z tabeli występują w nim
# w kontrolowanych proporcjach, więc widać, które z nich sprawiają modelom trudność. Nie ma
# w nim natomiast wieloznaczności, idiomów, długich zdań ani słów spoza słownika; zdania
# są poprawne, ale często dziwne w treści. Prawdziwe systemy uczy się na milionach par zdań
# z korpusów równoległych, np. [Tatoeba](https://tatoeba.org) albo zbiorów z
# [OPUS](https://opus.nlpl.eu), na podsłowach (BPE) i modelami typu Transformer.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Dane i tokeny: zbiory testowe łatwe i trudne
#
# - Zdania dzielimy na słowa (kropka jest osobnym tokenem); słownik tokenów bierzemy tylko
#   ze zbioru uczącego. Zbiory mają różne zdania polskie.
# - Uczymy **tylko na zdaniach do 5 słów, bez szyku OVS razem z przeczeniem**. Testujemy na
#   trzech zbiorach: zwykłym (takie zdania jak w uczeniu), **dłuższym** (6–8 słów) i **nowych
#   połączeń** (OVS z przeczeniem: oba zjawiska model zna, ale osobno).

# %% slideshow={"slide_type": "skip"}
MAX_WORDS = 5  # zdania uczące: najwyżej 5 słów (bez kropki)


def test_split(pair):
    """Zbiór zdania: "in" (jak w uczeniu), "long" (ponad MAX_WORDS słów), "unseen" (OVS
    z przeczeniem, krótkie) albo "none" (OVS z przeczeniem i długie: nie używamy)."""
    polish, _, tags = pair
    long, unseen = len(tokenize(polish)) - 1 > MAX_WORDS, {"szyk OVS", "przeczenie"} <= tags
    return {(False, False): "in", (True, False): "long", (False, True): "unseen"}.get((long, unseen), "none")


def plural(n, one, few, many):
    """Liczba z rzeczownikiem w dobrej formie: 1 zdanie, 2 zdania, 5 zdań, 12 zdań, 22 zdania."""
    few_ok = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
    return f"{n} {one if n == 1 else few if few_ok else many}"


# %%
N_TRAIN, N_VAL, N_TEST = (2000, 200, 200) if FAST else (10000, 1000, 2000)
splits = {"in": [], "long": [], "unseen": [], "none": []}
for pair in make_corpus(int(1.35 * (N_TRAIN + N_VAL + N_TEST)), seed=1):
    splits[test_split(pair)].append(pair)
train_pairs, val_pairs, test_pairs = (splits["in"][:N_TRAIN], splits["in"][N_TRAIN:N_TRAIN + N_VAL],
                                      splits["in"][N_TRAIN + N_VAL:N_TRAIN + N_VAL + N_TEST])
long_pairs, unseen_pairs = splits["long"][:N_TEST // 2], splits["unseen"][:N_TEST // 2]
PL_VOCAB = ["<pad>", "<unk>"] + sorted({t for pl, _, _ in train_pairs for t in tokenize(pl)})
EN_VOCAB = ["<pad>", "<s>", "</s>"] + sorted({t for _, en, _ in train_pairs for t in tokenize(en)})
print(f"par uczących: {len(train_pairs)}, walidacyjnych: {len(val_pairs)}, testowych: {len(test_pairs)}")
print(f"trudniejsze testy: dłuższe zdania: {len(long_pairs)}, OVS z przeczeniem: {len(unseen_pairs)}")
print(f"słownik polski: {plural(len(PL_VOCAB), 'token', 'tokeny', 'tokenów')}, angielski: {len(EN_VOCAB)}")

# %% slideshow={"slide_type": "skip"}
PL_INDEX, EN_INDEX = ({t: i for i, t in enumerate(vocab)} for vocab in (PL_VOCAB, EN_VOCAB))
EN_START, EN_END = EN_INDEX["<s>"], EN_INDEX["</s>"]
every_pair = train_pairs + long_pairs + unseen_pairs
MAX_PL = 2 + max(len(tokenize(pl)) for pl, _, _ in every_pair)  # zapas na zdania wpisane ręcznie
MAX_EN = 2 + max(len(tokenize(en)) for _, en, _ in every_pair)


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
        tokens = ([EN_START] + [EN_INDEX[t] for t in tokenize(sentence)] + [EN_END])[:MAX_EN + 1]
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
# sprawdzenie: zdania testowe nie występują w danych uczących, zbiory są pełne
assert not {pl for pl, _, _ in test_pairs + long_pairs + unseen_pairs} & {pl for pl, _, _ in train_pairs}
assert len(test_pairs) == N_TEST and len(long_pairs) == N_TEST // 2 and len(unseen_pairs) >= N_TEST // 5
assert (pl_test == 1).sum() < 0.01 * (pl_test > 0).sum(), "za dużo słów testowych spoza słownika"

# %% [markdown] slideshow={"slide_type": "notes"}
# Słownik polski ma 419 tokenów, a angielski tylko 172, choć oba opisują te same słowa: polskie
# rzeczowniki, przymiotniki i czasowniki mają wiele form, a angielskie niewiele. Uczymy na 10000
# par i sprawdzamy na 2000 zdaniach polskich, których model nie widział, a do tego na 1000
# dłuższych zdaniach i 508 zdaniach OVS z przeczeniem. Te dwa zbiory sprawdzają, czy model
# uogólnia poza to, co widział: na dłuższe zdania i na nowe połączenia znanych zjawisk.
# Wróć do różnicy między słownikami: co ona oznacza dla modelu, który czyta po polsku,
# a pisze po angielsku?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Trzy modele na tych samych danych
#
# - **GRU koder–dekoder** i **ten sam model z mechanizmem uwagi** (`AdditiveAttention`, wzór
#   z sekcji o mechanizmie uwagi).
# - **Mały Transformer**: jedna warstwa kodera i jedna dekodera, bez rekurencji: zamiast GRU
#   warstwy uwagi, które opiszemy za chwilę.
# - Ten sam optymalizator (Adam), liczba epok i wsad; strata liczona tylko na prawdziwych
#   tokenach celu, nie na wypełnieniu.

# %% [markdown] slideshow={"slide_type": "notes"}
# Trzy modele dostają te same dane, optymalizator, liczbę epok i wsad. Różnią się architekturą,
# ale nie tylko: Transformer ma warstwy `Dropout` (odsetek 0,1), a modele GRU nie, więc część
# różnicy, zwłaszcza na nowych połączeniach, może wynikać z regularyzacji. Do tego koder GRU
# czyta zdanie tylko od lewej, a koder Transformera widzi całe. Najpierw zbudujemy w Kerasie
# dwa modele GRU, potem Transformer. Niech sala przewidzi, czego można się spodziewać
# po modelu bez uwagi, skoro całe zdanie musi przejść przez jeden wektor.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Model ciąg do ciągu w Kerasie
#
# - Koder: warstwa `Embedding` (słowo polskie → wektor 64 liczb) i GRU ze 128 neuronami; jej
#   ostatni stan to reprezentacja całego zdania.
# - Dekoder: `Embedding` dla słów angielskich, GRU, której stanem początkowym jest ostatni stan
#   kodera, i warstwa gęsta z softmaksem nad słownikiem angielskim.
# - Trzy modele Keras ze wspólnymi warstwami: do uczenia (z *teacher forcing*), koder
#   i jeden krok dekodera (do tłumaczenia).

# %% [markdown] slideshow={"slide_type": "skip"}
# Funkcja `build_translator` buduje oba warianty: bez mechanizmu uwagi i z nim (wzór z sekcji
# o mechanizmie uwagi). Maska `src_mask` mówi, które pozycje zdania źródłowego są prawdziwymi
# tokenami, a które wypełnieniem: GRU kodera pomija wypełnienie dzięki `mask_zero=True`,
# a warstwa uwagi dostaje maskę jawnie.

# %% slideshow={"slide_type": "skip"}
EMBED_DIM, UNITS_RNN = 64, 128


def build_translator(use_attention, source_size, target_size, embed_dim=EMBED_DIM, units=UNITS_RNN):
    """Zwraca (model do uczenia, koder, krok dekodera) ze wspólnymi warstwami."""
    source_embedding = layers.Embedding(source_size, embed_dim, mask_zero=True)
    encoder_gru = layers.GRU(units, return_sequences=True, return_state=True)
    target_embedding = layers.Embedding(target_size, embed_dim // 2)
    decoder_gru = layers.GRU(units, return_sequences=True, return_state=True)
    attention = layers.AdditiveAttention() if use_attention else None
    output_layer = layers.Dense(target_size, activation="softmax")

    def decoder_head(decoder_states, encoder_states, src_mask):
        """Rozkład następnego tokenu (i wagi uwagi) z wyjść GRU dekodera."""
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

    prev_token = keras.Input(shape=(1,), dtype="int32")
    state = keras.Input(shape=(units,))
    memory = keras.Input(shape=(None, units))
    memory_mask = keras.Input(shape=(None,), dtype="bool")
    step_states, new_state = decoder_gru(target_embedding(prev_token), initial_state=state)
    step_probs, step_weights = decoder_head(step_states, memory, memory_mask)
    outputs = [step_probs, new_state] + ([step_weights] if use_attention else [])
    step_inputs = [prev_token, state] + ([memory, memory_mask] if use_attention else [])
    step_model = keras.Model(step_inputs, outputs)  # Keras nie przyjmuje nieużywanych wejść

    def step(inputs, training=False):
        """Krok dekodera z [token, stan, wyjścia kodera, maska]; bez uwagi dwóch ostatnich nie używa."""
        return step_model(inputs[:len(step_inputs)], training=training)

    return trainer, encoder, step


# %% [markdown] slideshow={"slide_type": "notes"}
# Zanurzenia słów polskich mają 64 liczby, angielskich 32, a stan GRU 128: to mała sieć, którą
# da się uczyć na zwykłym procesorze. Zwróć uwagę na trzy modele Keras ze wspólnymi warstwami:
# model do uczenia widzi cały cel naraz, a do tłumaczenia potrzebujemy osobno kodera i jednego
# kroku dekodera, bo kolejne wejście dekodera poznajemy dopiero po poprzednim kroku. Rozdział
# na trzy modele zwykle budzi pytanie: po co do tłumaczenia osobny koder i krok dekodera?
# Model do uczenia też by zadziałał, gdyby w każdym kroku podawać mu cały dotychczasowy prefiks
# (tak zrobimy z Transformerem), ale wtedy w każdym kroku liczymy wszystko od nowa.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Dekodowanie zachłanne dla całego wsadu zdań
#
# - Koder czyta wszystkie zdania naraz.
# - W każdym kroku krok dekodera dostaje poprzednie słowa i stany wszystkich zdań,
#   a najbardziej prawdopodobne słowo staje się wejściem następnego kroku.
# - Liczba kroków jest stała (najdłuższe zdanie angielskie z zapasem); każde tłumaczenie
#   ucinamy na pierwszym `</s>`.

# %% [markdown] slideshow={"slide_type": "skip"}
# Funkcja `decode_ids` wykonuje tę pętlę; zwraca numery tokenów wyniku i, dla modelu
# z mechanizmem uwagi, wagi z każdego kroku.

# %% slideshow={"slide_type": "skip"}
def decode_ids(encoder, step, x, start, max_steps):
    """Dekodowanie zachłanne wsadu zdań x; zwraca numery tokenów wyniku i wagi uwagi."""
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


# %% [markdown] slideshow={"slide_type": "notes"}
# W każdym kroku liczymy wszystkie zdania naraz, dlatego tłumaczenie całego zbioru testowego
# trwa sekundy, choć pętla idzie w Pythonie. Zdanie, które już wypisało `</s>`, dalej
# przechodzi przez pętlę, a jego dalsze słowa odrzucamy. Kiedy można by przerwać pętlę
# wcześniej? Dopiero gdy wszystkie zdania we wsadzie wypiszą `</s>`; przy krótkich zdaniach
# oszczędność byłaby niewielka.


# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uwaga w Transformerze: skalowany iloczyn skalarny
#
# $$\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\Big(\frac{Q K^\top}{\sqrt{d}} + M\Big)\, V$$
#
# - Każda pozycja ma trzy wektory, liczone z jej stanu trzema wyuczonymi macierzami: zapytanie
#   (*query*, wiersz $Q$), klucz (*key*, wiersz $K$) i wartość (*value*, wiersz $V$). Waga to
#   iloczyn skalarny zapytania z kluczem; wynik to średnia wartości ważona tymi wagami.
# - Dzielenie przez $\sqrt{d}$ (wymiar klucza): bez niego iloczyny rosną z $d$, softmax się nasyca
#   i gradienty zanikają.
# - *Self-attention* (uwaga wewnętrzna): $Q$, $K$, $V$ z tego samego zdania. Uwaga
#   koder–dekoder (*cross-attention*): $Q$ z dekodera, $K$ i $V$ z kodera, jak w GRU z uwagą.
# - Maska $M$ ($-\infty$ na pozycjach zakazanych): w koderze zasłania wypełnienie,
#   w dekoderze także słowa późniejsze (*causal mask*, maska przyczynowa).

# %% slideshow={"slide_type": "skip"}
def scaled_dot_product_attention(q, k, v, causal=False):
    """softmax(QKᵀ/√d + M) V dla macierzy pozycje × wymiar; zwraca (wynik, wagi)."""
    logits = q @ k.T / np.sqrt(q.shape[-1])
    if causal:  # pozycja t widzi tylko pozycje 0…t
        logits = np.where(np.tri(len(q), len(k), dtype=bool), logits, -np.inf)
    weights = np.exp(logits - logits.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    return weights @ v, weights


# %%
states = np.random.default_rng(0).normal(size=(4, 8))  # 4 pozycje, stan o wymiarze d = 8
_, self_weights = scaled_dot_product_attention(states, states, states, causal=True)  # Q = K = V
print(np.round(self_weights, 2))

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk to wagi uwagi wewnętrznej z maską przyczynową dla czterech pozycji: nad przekątną
# są zera, bo pozycja nie widzi słów późniejszych, a każdy wiersz sumuje się do 1. W prawdziwej
# warstwie $Q$, $K$ i $V$ powstają z $x$ przez trzy różne macierze. Sprawdź zrozumienie maski:
# dlaczego koder nie potrzebuje maski przyczynowej, a tylko maski wypełnienia?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Głowy uwagi i kodowanie pozycji
#
# - **Głowy**: warstwa (w Kerasie `MultiHeadAttention`) liczy kilka takich uwag naraz, każdą
#   z własnymi macierzami w mniejszym wymiarze, a wyniki skleja; nasz Transformer ma 4 głowy
#   po 16 wymiarów.
# - Uwaga nie zna kolejności słów: przestawienie wierszy $K$ i $V$ nie zmienia wyniku. Dlatego
#   do zanurzeń dodajemy **kodowanie pozycji** (*positional encoding*): sinusy i kosinusy
#   numeru pozycji o różnych częstotliwościach.

# %% [markdown] slideshow={"slide_type": "notes"}
# Każda głowa ma własne zapytania, klucze i wartości, więc może patrzeć gdzie indziej niż
# pozostałe; co robią głowy naszego modelu, sprawdzimy przy mapach uwagi i dopasowaniu słów.
# Kodowania pozycji się nie uczymy: to stała macierz, w której każda pozycja ma inny wektor.
# Zapytaj salę, czy
# polskiemu zdaniu kolejność słów mówi tyle samo co angielskiemu. Nie: „Psa widzi kot.”
# i „Kot widzi psa.” znaczą to samo, bo role zdradzają końcówki, a „The dog sees a cat.”
# i „The cat sees a dog.” różnią się tylko kolejnością.

# %% [markdown] slideshow={"slide_type": "skip"}
# Transformer budujemy funkcyjnie w Kerasie. Kodowanie pozycji to stała macierz sinusów
# i kosinusów o różnych częstotliwościach (Vaswani i in. 2017), dodawana do zanurzeń tokenów.
# Dekodujemy go zachłannie: w kroku $t$ cały dotychczasowy prefiks (wypełniony zerami, których
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
SENTENCE_EPOCHS = 1 if FAST else 8
translators = {}


def padded_batches(inputs, target, batch_size, repeat=False):
    """Wsady tf.data (wejścia, cel, wagi: 0 na wypełnieniu celu); z repeat przemieszane w każdej epoce."""
    data = tf.data.Dataset.from_tensor_slices((tuple(inputs), target, (target != 0).astype("float32")))
    if repeat:
        data = data.shuffle(len(target), seed=42).repeat()
    options = tf.data.Options()
    options.autotune.enabled = False  # z autotune koniec uczenia opóźniał się o 5-60 s
    return data.batch(batch_size).prefetch(2).with_options(options)


def fit_sentences(name, trainer):
    """Uczy model na parach uczących (Adam, wsad 64); zwraca (czas w s, strata walidacji po epokach)."""
    keras.utils.set_random_seed(0)
    trainer.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy")
    start = time.perf_counter()
    history = trainer.fit(padded_batches([pl_train, en_in_train], en_train, 64, repeat=True),
                          steps_per_epoch=-(-len(en_train) // 64), epochs=SENTENCE_EPOCHS, verbose=0,
                          validation_data=padded_batches([pl_val, en_in_val], en_val, 256))
    seconds = time.perf_counter() - start
    print(f"{name}: {plural(SENTENCE_EPOCHS, 'epoka', 'epoki', 'epok')}, "
          f"strata uczenia {history.history['loss'][-1]:.3f}, "
          f"walidacji {history.history['val_loss'][-1]:.3f}, {seconds:.0f} s")
    return seconds, history.history["val_loss"]


def translate(name, sentences):
    """Tłumaczenia zdań polskich modelem name (dekodowanie zachłanne)."""
    x = encode_polish(sentences)
    if name == "Transformer":
        ids = transformer_decode(translators[name]["model"], x)
    else:
        ids, _ = decode_ids(translators[name]["encoder"], translators[name]["step"], x, EN_START, MAX_EN)
    return [english_text(row) for row in ids]


# %% [markdown] slideshow={"slide_type": "notes"}
# Przypomnij, że porównanie nie jest czyste: poza architekturą Transformer różni się od modeli
# GRU warstwami `Dropout`. Transformer nie ma rekurencji: kolejność słów zna tylko z kodowania pozycji,
# a maska przyczynowa nie pozwala mu zajrzeć do słów, których jeszcze nie napisał. Rolę maski
# w uczeniu pokaże pytanie: co by się stało, gdybyśmy o niej zapomnieli? Model nauczyłby się
# przepisywać następne słowo z wejścia dekodera, a przy tłumaczeniu tego słowa by nie miał.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie

# %% tags=["remove-stderr"]
for name, use_attention in [("GRU", False), ("GRU z uwagą", True)]:
    keras.utils.set_random_seed(0)
    trainer, encoder, step = build_translator(use_attention, len(PL_VOCAB), len(EN_VOCAB))
    translators[name] = {"model": trainer, "encoder": encoder, "step": step}
    translators[name]["seconds"], translators[name]["val_loss"] = fit_sentences(name, trainer)
keras.utils.set_random_seed(0)
transformer, transformer_with_weights = build_transformer()
translators["Transformer"] = dict(zip(["model", "seconds", "val_loss"],
                                      [transformer, *fit_sentences("Transformer", transformer)]))

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż straty po 8 epokach: GRU bez uwagi kończy ze stratą walidacji 0,236, GRU z uwagą
# z 0,002, a Transformer z 0,001. Czasy w sekundach zależą od maszyny, więc ich nie porównuj.
# Jedna para liczb zwykle zaskakuje: Transformer ma stratę uczenia 0,011, a walidacji 0,001,
# czyli mniejszą; jak to możliwe? Najpewniej z dwóch powodów: przy uczeniu działa losowe
# wyłączanie neuronów (warstwy `Dropout`), a przy walidacji nie; do tego strata uczenia to średnia z całej epoki,
# gdy model był jeszcze gorszy.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Krzywe uczenia
#
# Strata walidacji (entropia krzyżowa na token) po każdej epoce.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def plot_val_loss():
    """Strata walidacji trzech modeli po kolejnych epokach."""
    fig, ax = plt.subplots(figsize=(6.5, 3.2))
    epochs = np.arange(1, SENTENCE_EPOCHS + 1)
    for (name, model), marker in zip(translators.items(), "os^"):
        ax.plot(epochs, model["val_loss"], marker=marker, label=name)
    ax.set(xlabel="epoka", ylabel="strata walidacji", xticks=epochs, ylim=(0, None),
           title="Modele z uwagą uczą się znacznie szybciej")
    ax.yaxis.set_major_formatter(DECIMAL_COMMA)
    ax.grid(alpha=0.3)
    ax.legend()
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Wykres liniowy: oś pozioma to epoki uczenia od 1 do 8, oś pionowa to strata walidacji. Krzywa GRU bez mechanizmu uwagi zaczyna od około 1,1 i opada powoli, po 8 epokach do około 0,24. Krzywa GRU z uwagą zaczyna od około 1 i po 4 epokach jest przy zerze. Krzywa Transformera już po pierwszej epoce leży tuż nad zerem i tam zostaje."}} tags=["remove-input"]
plot_val_loss()

# %% [markdown] slideshow={"slide_type": "notes"}
# GRU z uwagą schodzi do straty bliskiej zera po 4 epokach, Transformer jest przy zerze już po
# pierwszej,
# a GRU bez uwagi spada powoli i po 8 epokach wciąż ma 0,236. Mechanizm uwagi nie tylko
# poprawia wynik końcowy, ale i przyspiesza uczenie: dekoder nie musi uczyć się upychać całego
# zdania w jednym wektorze, bo potrzebne słowo może wziąć wprost ze stanów kodera. Czy dłuższe
# uczenie wyrównałoby wyniki? Krzywa GRU bez uwagi jeszcze opada, więc różnica by zmalała;
# ile, tego ten wykres nie mówi.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Miary: BLEU, chrF i dokładna zgodność
#
# - **BLEU** (Papineni i in. 2002): średnia geometryczna precyzji $n$-gramów słów
#   ($n$ od 1 do 4) tłumaczenia względem wzorca, z karą za zbyt krótkie tłumaczenia; 0–100.
# - **chrF** (Popović 2015): F-miara $n$-gramów **znakowych**; częściowo nagradza
#   dobre słowo w złej formie.
# - Liczy je biblioteka `sacrebleu` na całym zbiorze testowym; dokładna zgodność (*exact match*)
#   to odsetek zdań identycznych z wzorcem, co do słowa.

# %% slideshow={"slide_type": "skip"}
BLEU_METRIC, CHRF_METRIC = sacrebleu.BLEU(), sacrebleu.CHRF()


def scores(hypotheses, references):
    """BLEU, chrF (sacrebleu, cały korpus) i dokładna zgodność."""
    return {"BLEU": BLEU_METRIC.corpus_score(hypotheses, [references]).score,
            "chrF": CHRF_METRIC.corpus_score(hypotheses, [references]).score,
            "dokładna zgodność": float(np.mean(np.array(hypotheses) == np.array(references)))}


def rounded(metrics):
    """Miary zaokrąglone jak w tekście: zgodność do 3 miejsc, BLEU i chrF do 1."""
    return {k: round(v, 3 if k == "dokładna zgodność" else 1) for k, v in metrics.items()}


test_polish = [pl for pl, _, _ in test_pairs]
predictions = {name: translate(name, test_polish) for name in translators}
results = pd.DataFrame.from_dict({name: {"parametry": translators[name]["model"].count_params(),
                                         "uczenie [s]": round(translators[name]["seconds"]),
                                         **rounded(scores(predictions[name], test_references))}
                                  for name in translators}, orient="index")

# %% jupyter={"source_hidden": true} tags=["remove-input"]
results

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"BLEU: {BLEU_METRIC.get_signature()}")
print(f"chrF: {CHRF_METRIC.get_signature()}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: uwaga poprawia BLEU
if not FAST:
    assert results.loc["GRU z uwagą", "BLEU"] > results.loc["GRU", "BLEU"], results

# %% [markdown] slideshow={"slide_type": "notes"}
# Podpis `sacrebleu` mówi, jak liczono wynik: liczba wzorców, wielkość liter,
# tokenizator (`13a`), wygładzanie i wersja biblioteki. Wynik BLEU bez podpisu trudno porównać
# z innym, bo inna tokenizacja potrafi zmienić go o kilka punktów (Post 2018).

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Przy tej samej liczbie epok (8) mechanizm uwagi zmienia wynik zasadniczo: BLEU 65,1 bez
#   niego, 99,8 z nim (dokładna zgodność 0,387 wobec 0,996).
# - Mały Transformer, z mniejszą liczbą parametrów, dochodzi prawie do tego samego: BLEU
#   99,6. Na tym zbiorze oba modele z uwagą są przy suficie; różnice pokażą trudniejsze testy.

# %% [markdown] slideshow={"slide_type": "notes"}
# Oba modele z uwagą są tu blisko sufitu, bo gramatyka generatora jest mała i regularna,
# a zdania krótkie. Wynik pokazuje, że zjawiska z tabeli da się wyuczyć z par zdań, bez
# żadnych reguł gramatyki; nie mówi, jak te modele poradziłyby sobie z prawdziwym tekstem.
# Model bez uwagi wciąż się uczy (strata walidacji po 8 epokach 0,236), więc dłuższe uczenie
# zmniejszyłoby różnicę. Czasy uczenia są z jednego uruchomienia na dwóch
# rdzeniach procesora; na GPU Transformer prawdopodobnie zyskałby najwięcej, bo liczy
# wszystkie pozycje naraz, a GRU krok po kroku.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Trudniejsze testy: dłuższe zdania i nowe połączenia
#
# Te same trzy modele na zdaniach innych niż w uczeniu: dłuższych (6–8 słów) i z szykiem
# OVS razem z przeczeniem.

# %% slideshow={"slide_type": "skip"}
TEST_SETS = {"zwykły": test_pairs, "dłuższe zdania": long_pairs, "OVS z przeczeniem": unseen_pairs}
split_predictions = {(split, name): translate(name, [pl for pl, _, _ in pairs])
                     for split, pairs in TEST_SETS.items() for name in translators}
split_results = pd.DataFrame.from_dict(
    {name: {(split, metric.replace("dokładna ", "")): value for split, pairs in TEST_SETS.items()
            for metric, value in rounded(scores(split_predictions[split, name],
                                                [en for _, en, _ in pairs])).items()}
     for name in translators}, orient="index")

# %% jupyter={"source_hidden": true} tags=["remove-input"]
split_results

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: zbiór zwykły w tabeli to ten sam wynik co wyżej
assert all(split_predictions["zwykły", name] == predictions[name] for name in translators)
assert (split_results[("zwykły", "BLEU")] == results["BLEU"]).all()

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Na zbiorze zwykłym oba modele z uwagą są blisko sufitu; różnice widać dopiero tu.
# - Dłuższe zdania: BLEU spada wszystkim modelom: GRU 34,0, GRU z uwagą 86,2, Transformer 93,9
#   (dokładna zgodność 0,007, 0,643 i 0,809).
# - Nowe połączenia (OVS z przeczeniem): GRU z uwagą 56,2 (dokładna zgodność 0,134),
#   Transformer 99,1 (0,969), GRU bez uwagi 29,6.
# - Każda liczba to jeden przebieg z jednym ziarnem; rozrzutu między ziarnami nie mierzyliśmy.

# %% [markdown] slideshow={"slide_type": "notes"}
# Tu modele wreszcie się różnią. W uczeniu nie było zdań dłuższych niż 5 słów, więc dekoder
# nigdy nie pisał tak długich tłumaczeń, a koder nie widział tak dalekich pozycji; każdy
# model traci, najmniej Transformer. Przy nowych połączeniach oba zjawiska model zna osobno:
# przeczenie z dopełniaczem w szyku SVO i szyk OVS bez przeczenia. GRU z uwagą myli się tu
# w prawie 9 zdaniach na 10, a Transformer w około 3 na 100. To wynik jednego ziarna
# i jednego korpusu;
# w literaturze Transformery nie zawsze dobrze uogólniają na dłuższe ciągi, więc nie wyciągaj
# z tego ogólnego prawa. Bahdanau i in. (2015, rys. 2) pokazali na prawdziwych zdaniach, po
# kilkadziesiąt słów, wyraźny spadek jakości modelu bez uwagi wraz z długością zdania.
# Niech sala zaprojektuje kolejny test: jaki inny podział danych sprawdziłby, czy model naprawdę składa znaczenie
# z części, a nie pamięta gotowych wzorców?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### BLEU policzone ręcznie dla jednego zdania
#
# - Precyzja $n$-gramów **przycięta**: $n$-gram tłumaczenia liczy się najwyżej tyle razy,
#   ile razy występuje we wzorcu (inaczej „the the the the” miałoby precyzję 1).
# - Kara za zwięzłość (*brevity penalty*) $\mathrm{BP} = \min(1, e^{1 - r/c})$, gdzie $r$ to
#   długość wzorca, a $c$ tłumaczenia: bez niej krótkie tłumaczenie miałoby wysoką precyzję.
# - $\mathrm{BLEU} = 100 \cdot \mathrm{BP} \cdot \exp\big(\tfrac14 \sum_{n=1}^{4} \log p_n\big)$.

# %% slideshow={"slide_type": "skip"}
def clipped_precision(hypothesis, reference, n):
    """Przycięta precyzja n-gramów: (trafione n-gramy tłumaczenia, wszystkie jego n-gramy)."""
    hyp, ref = (Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
                for words in (hypothesis, reference))
    return sum(min(count, ref[gram]) for gram, count in hyp.items()), sum(hyp.values())


# %% tags=["nbval-check-output"]
hypothesis, reference = "The cat did not see two white cows.", "The hungry cat did not see two white cows."
hyp, ref = (re.findall(r"\w+|[^\w\s]", s) for s in (hypothesis, reference))  # tokeny jak w sacrebleu
precisions = []
for n in range(1, 5):
    hits, total = clipped_precision(hyp, ref, n)
    precisions.append(hits / total)
    print(f"{n}-gramy: {hits}/{total} = {hits / total:.3f}")
brevity_penalty = min(1.0, np.exp(1 - len(ref) / len(hyp)))
bleu_by_hand = 100 * brevity_penalty * np.exp(np.mean(np.log(precisions)))
print(f"kara za zwięzłość: exp(1 - {len(ref)}/{len(hyp)}) = {brevity_penalty:.3f}")
print(f"BLEU ręcznie: {bleu_by_hand:.2f}, sacrebleu: {sacrebleu.sentence_bleu(hypothesis, [reference]).score:.2f}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: BLEU policzone ręcznie równe BLEU zdania z sacrebleu
assert abs(bleu_by_hand - sacrebleu.sentence_bleu(hypothesis, [reference]).score) < 1e-9

# %% [markdown] slideshow={"slide_type": "notes"}
# Tłumaczenie gubi jedno słowo, „hungry”. Unigramy są wszystkie trafione (9 z 9), ale każdy
# dłuższy $n$-gram, który przechodził przez brakujące słowo, przepada: „The cat” nie występuje
# we wzorcu. Tłumaczenie ma 9 tokenów (z kropką), wzorzec 10, więc kara za zwięzłość wynosi
# $e^{1 - 10/9} \approx 0{,}895$, a BLEU wynosi 79,56. `sacrebleu` daje dokładnie ten sam wynik
# (sprawdza to ukryta komórka). BLEU całego zbioru to nie średnia BLEU zdań: liczniki i mianowniki
# precyzji oraz długości sumuje się po wszystkich zdaniach, a dopiero potem dzieli. Kara za
# zwięzłość działa tylko w jedną stronę: ile wyniósłby BLEU, gdyby tłumaczenie było o jedno
# słowo **dłuższe** od wzorca?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Przeszukiwanie wiązkowe
#
# Dekodowanie zachłanne bierze w każdym kroku jedno najlepsze słowo. Przeszukiwanie wiązkowe
# trzyma $k$ najlepszych prefiksów, przedłuża każdy o każde słowo słownika i zostawia $k$
# o największej sumie logarytmów prawdopodobieństw ($k = 1$ to dekodowanie zachłanne).
#
# - Suma logarytmów maleje z każdym słowem, więc faworyzuje krótkie tłumaczenia. Wynik
#   **znormalizowany długością** to średni logarytm na token, $\frac{1}{|y|}\log p(y \mid x)$.

# %% slideshow={"slide_type": "skip"}
def beam_decode(name, sentences, width):
    """Przeszukiwanie wiązkowe modelu GRU name; zwraca najlepsze tłumaczenia każdego zdania
    według sumy logarytmów i według średniej na token (znormalizowane długością)."""
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
    lengths = np.where(finished, (history == EN_END).argmax(axis=2) + 1, MAX_EN)  # tokeny z </s>
    normalised = np.argmax(scores / lengths, axis=1)
    return ([english_text(row) for row in history[:, 0]],
            [english_text(row) for row in history[np.arange(n), normalised]])


# %% [markdown] slideshow={"slide_type": "fragment"}
# BLEU obu modeli GRU na zwykłym i na dłuższym zbiorze testowym przy szerokości wiązki $k$
# („norm.”: wynik znormalizowany długością):

# %% slideshow={"slide_type": "skip"}
BEAM_WIDTHS, BEAM_MODELS = [1, 3, 5], ["GRU", "GRU z uwagą"]
BEAM_SETS = {"zwykły": test_pairs, "dłuższe zdania": long_pairs}
beam_predictions = {}
for (split, pairs), name, k in [(s, m, k) for s in BEAM_SETS.items() for m in BEAM_MODELS for k in BEAM_WIDTHS]:
    beam_predictions[split, name, k], beam_predictions[split, name, f"{k} norm."] = beam_decode(
        name, [pl for pl, _, _ in pairs], k)
beam_bleu = pd.DataFrame({f"k = {k}": {(split, name): round(scores(
    beam_predictions[split, name, k], [en for _, en, _ in BEAM_SETS[split]])["BLEU"], 1)
    for split in BEAM_SETS for name in BEAM_MODELS} for k in BEAM_WIDTHS + ["5 norm."]})

# %% jupyter={"source_hidden": true} tags=["remove-input"]
beam_bleu

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: wiązka o szerokości 1 to dekodowanie zachłanne
assert all(beam_predictions[split, name, 1] == split_predictions[split, name]
           for split in BEAM_SETS for name in BEAM_MODELS)

# %% [markdown] slideshow={"slide_type": "fragment"}
# - Na zbiorze zwykłym wiązka prawie nic nie zmienia: GRU bez uwagi 65,1 → 65,6 ($k = 3$)
#   i 65,5 ($k = 5$), z uwagą 99,8 przy każdym $k$.
# - Na dłuższych zdaniach zysk to ułamki punktu: GRU bez uwagi 34,0 → 34,2 przy $k = 3$
#   i bez zmiany przy $k = 5$, z uwagą 86,2 → 86,6 ($k = 3$ i $k = 5$), a z normalizacją
#   długością 86,7.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przy normalizacji długością spośród $k$ końcowych tłumaczeń wybieramy to o najlepszej średniej
# na token. Wiązka pomaga wtedy, gdy model pochopnie wybrał słowo, a lepsze tłumaczenie miało na początku
# tylko trochę mniejsze prawdopodobieństwo. Tu prawie nie pomaga; na następnym slajdzie
# sprawdzimy dlaczego. Suma logarytmów faworyzuje krótkie tłumaczenia, bo każde dodatkowe słowo
# dokłada ujemny składnik; średnia na token usuwa tę przewagę. Doprowadź to do skrajności:
# co by się stało przy bardzo szerokiej wiązce bez normalizacji długością?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Błąd przeszukiwania czy błąd modelu?
#
# Dla każdego złego tłumaczenia $\hat y$ porównujemy dwa prawdopodobieństwa według modelu:
# - $\log p(\hat y \mid x) < \log p(y \mid x)$: model woli wzorzec $y$, ale przeszukiwanie go
#   nie znalazło (**błąd przeszukiwania**); szersza wiązka może pomóc;
# - $\log p(\hat y \mid x) \ge \log p(y \mid x)$: model woli złe tłumaczenie (**błąd modelu**);
#   żadne przeszukiwanie tego nie naprawi.

# %% slideshow={"slide_type": "skip"}
def log_prob(name, polish, english):
    """log p(zdanie angielskie | zdanie polskie) według modelu name, liczone z teacher forcing;
    -inf, gdy zdanie ma słowo spoza słownika angielskiego."""
    known = np.array([all(t in EN_INDEX for t in tokenize(en)) for en in english])
    english = [en if ok else "." for en, ok in zip(english, known)]
    decoder_input, target = encode_english(english)
    probs = translators[name]["model"].predict([encode_polish(polish), decoder_input], batch_size=256, verbose=0)
    token_probs = np.take_along_axis(probs, target[:, :, None], axis=2)[:, :, 0]
    return np.where(known, np.where(target != 0, np.log(token_probs + 1e-9), 0).sum(axis=1), -np.inf)


def error_kinds(name, split, k):
    """Liczba złych tłumaczeń wiązki o szerokości k i ile z nich to błędy modelu."""
    pairs = BEAM_SETS[split]
    wrong = [(pl, en, hyp) for (pl, en, _), hyp in zip(pairs, beam_predictions[split, name, k]) if hyp != en]
    if not wrong:
        return 0, 0
    polish, references, hypotheses = map(list, zip(*wrong))
    return len(wrong), int(np.sum(log_prob(name, polish, hypotheses) >= log_prob(name, polish, references)))


error_table = {(name, split, k): error_kinds(name, split, k)
               for name in BEAM_MODELS for split in BEAM_SETS for k in (1, 5)}

# %%
print("złe tłumaczenia: wszystkie / błędy modelu (udział)")
for (name, split, k), (n_wrong, n_model) in error_table.items():
    share = f"{n_model / n_wrong:.0%}" if n_wrong else "—"
    print(f"{name:<12} {split:<15} k = {k}: {n_wrong:>5} / {n_model:>5} ({share})")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: log p wzorca liczone z teacher forcing jest skończone i niedodatnie
_pl, _en = test_polish[:1], test_references[:1]
assert np.isfinite(log_prob("GRU", _pl, _en)).all() and log_prob("GRU", _pl, _en)[0] <= 0

# %% [markdown] slideshow={"slide_type": "notes"}
# Przy $k = 5$ prawie każde złe tłumaczenie obu modeli GRU to błąd modelu (dla GRU bez uwagi
# na zbiorze zwykłym udział błędów modelu wynosi 0,999): model daje złemu tłumaczeniu co
# najmniej takie prawdopodobieństwo jak wzorcowi, więc żadne szersze przeszukiwanie go nie
# naprawi. Przy dekodowaniu zachłannym ($k = 1$) błędy przeszukiwania się zdarzają, ale
# rzadko: to 62 z 1226 złych tłumaczeń GRU bez uwagi. Wiązka je usuwa, lecz znajduje też inne
# złe tłumaczenia, które model ceni wyżej od wzorca; na dłuższych zdaniach złych tłumaczeń GRU
# z uwagą ubywa tylko z 357 do 347. Dlatego wiązka niewiele tu daje: brakuje lepszego
# modelu, nie lepszego szukania. Normalizacja długością ma znaczenie, gdy kandydaci w wiązce
# mają różną długość; na naszych krótkich zdaniach zmienia wynik o ułamki punktu. Metodę tego slajdu
# niech sala odtworzy sama: jak sprawdzić, czy model „woli” złe tłumaczenie, nie uruchamiając żadnego przeszukiwania?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Gdzie modele się mylą
#
# Dokładna zgodność na zdaniach testowych z danym zjawiskiem i według długości zdania
# polskiego (w nawiasie liczba zdań).

# %% slideshow={"slide_type": "skip"}
test_tags = [tags for _, _, tags in test_pairs]
test_length = np.array([len(tokenize(pl)) - 1 for pl in test_polish])  # słowa bez kropki
groups = {f"{p} ({sum(p in t for t in test_tags)})": np.array([p in t for t in test_tags]) for p in PHENOMENA}
for label, low, high in [("2–3 słowa", 2, 3), ("4 słowa", 4, 4), ("5 słów", 5, 5)]:
    chosen = (test_length >= low) & (test_length <= high)
    groups[f"{label} ({chosen.sum()})"] = chosen
correct = {name: np.array(predictions[name]) == np.array(test_references) for name in translators}
by_group = pd.DataFrame({name: {group: round(float(correct[name][chosen].mean()), 3)
                                for group, chosen in groups.items()} for name in translators})

# %% jupyter={"source_hidden": true} tags=["remove-input"]
by_group

# %% [markdown] slideshow={"slide_type": "notes"}
# Model bez mechanizmu uwagi najczęściej myli się przy liczebnikach (0,177), szyku OVS (0,280)
# i przymiotnikach (0,282), a przede wszystkim w dłuższych zdaniach: 0,632 dla 2–3 słów, 0,117
# dla 5 słów; przeciętne zdanie to 0,387. Zjawiska mieszają się tu z długością: zdania
# z liczebnikiem, przymiotnikiem albo jawnym podmiotem w szyku OVS są średnio dłuższe, a każde
# dodatkowe słowo to więcej informacji, która musi przejść przez jeden wektor stanu. To wynik
# jednego przebiegu, więc małe różnice traktuj ostrożnie. Etykieta „czas przeszły” to zdania
# w czasie przeszłym: polski czasownik zależy tu od rodzaju i liczby (widział, widziała,
# widziały, widziało), a angielski „saw” nie.
# GRU z uwagą myli się w pojedynczych zdaniach. Transformer nieco częściej, najbardziej w zdaniach
# z szykiem OVS (0,972) i w zdaniach o 5 słowach (0,985), ale to wciąż kilkanaście zdań na 2000; słabe
# strony obu modeli lepiej widać na trudniejszych testach wyżej.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Mapy uwagi: przestawiony szyk i podmiot domyślny
#
# U góry wagi mechanizmu uwagi modelu GRU, u dołu jednej głowy uwagi Transformera
# (dekoder patrzy na koder). Wiersz to słowo tłumaczenia, kolumna to słowo polskie.

# %% slideshow={"slide_type": "skip"}
map_sentences = [render({"subject": "kot", "verb": "widzieć", "tense": "present", "speaker": "m",
                         "object": "pies", "count": 1, "subject_count": 1, "subject_adjective": None,
                         "object_adjective": "czarny", "negated": False, "order": "OVS"})[0],
                 render({"subject": None, "verb": "widzieć", "tense": "past", "speaker": "f",
                         "object": "krowa", "count": 1, "subject_count": 1, "subject_adjective": None,
                         "object_adjective": None, "negated": True, "order": "SVO"})[0]]
map_x = encode_polish(map_sentences)
_, gru_weights = decode_ids(translators["GRU z uwagą"]["encoder"], translators["GRU z uwagą"]["step"],
                            map_x, EN_START, MAX_EN)
map_translations = translate("GRU z uwagą", map_sentences)
transformer_prefix = np.hstack([np.full((2, 1), EN_START), transformer_decode(transformer, map_x)])
_, transformer_weights = transformer_with_weights([map_x, transformer_prefix], training=False)
transformer_translations = translate("Transformer", map_sentences)
for polish, gru_text, transformer_text in zip(map_sentences, map_translations, transformer_translations):
    print(f"{polish} → GRU z uwagą: {gru_text}; Transformer: {transformer_text}")


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


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Cztery mapy cieplne wag uwagi w układzie dwa na dwa. Kolumny każdej mapy to słowa zdania polskiego, wiersze to słowa tłumaczenia. Lewa kolumna map: zdanie „Czarnego psa widzi kot.” przetłumaczone na „The cat sees a black dog.”: słowa „the” i „cat” patrzą na „kot” na końcu zdania, „sees” na „widzi”, „a” i „black” na „czarnego”, „dog” na „psa”, więc ciemne pola układają się w poprzek, a nie po przekątnej. Prawa kolumna: „Nie widziałam krowy.” przetłumaczone na „I did not see a cow.”: w mapie GRU słowa „i”, „did”, „not” i „see” patrzą na jedno słowo „widziałam”, a „a” i „cow” na „krowy”. W głowie Transformera „i”, „did” i „see” patrzą na „widziałam”, „a” i „cow” na „krowy”, a „not” i kropka na polską kropkę; żadne słowo nie patrzy głównie na „nie”. Górny wiersz map to model GRU z mechanizmem uwagi, dolny jedna głowa uwagi Transformera; w Transformerze pola są ostrzejsze."}} tags=["remove-input"]
draw_sentence_maps()

# %% [markdown] slideshow={"slide_type": "notes"}
# W zdaniu z szykiem OVS dopełnienie stoi na początku, a podmiot na końcu; angielskie
# tłumaczenie zaczyna od podmiotu, więc ciemne pola nie leżą na przekątnej, tylko „skaczą”:
# „cat” patrzy na ostatnie polskie słowo, „kot”. W mapie GRU przedimek „the” patrzy częściowo
# także na „czarnego”, a „a” na „czarnego”, choć żadne z nich nie ma polskiego odpowiednika:
# wagi przedimka to decyzja modelu, nie dopasowanie. Po prawej jedno polskie słowo „widziałam” niesie osobę, czas, rodzaj; po angielsku to
# „I did … see”. W mapie GRU nawet „not” patrzy na „widziałam”, a nie na „nie”; w głowie
# Transformera „not” patrzy na kropkę, a żadne słowo nie patrzy głównie na „nie”. Nikt nie podał modelom, które słowa
# sobie odpowiadają: wagi wynikają tylko z uczenia tłumaczenia. Jedna głowa Transformera
# to tylko część obrazu: pozostałe głowy mogą patrzeć gdzie indziej, a wyjście łączy je wszystkie.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Czy uwaga to dopasowanie słów?
#
# - **Dopasowanie** (*alignment*): które słowo źródła tłumaczy dane słowo celu. Generator je
#   zna, bo sam składa oba zdania; sprawdzamy, jak często największa waga uwagi trafia w to słowo.
# - Stan $h_j$ kodera GRU, który czyta zdanie tylko od lewej do prawej, streszcza **cały
#   prefiks** $x_1, \ldots, x_j$, nie samo słowo $x_j$: informację o słowie niosą też wszystkie
#   dalsze stany.
# - Bahdanau i in. (2015) używali kodera dwukierunkowego, więc ich $h_j$ niesie też słowa
#   po $x_j$; koder Transformera widzi całe zdanie.
# - Głowy Transformera mogą robić naraz różne rzeczy (np. jedna śledzić szyk, inna koniec
#   zdania), a po uwadze wewnętrznej kodera każda jego pozycja niesie już coś z innych słów.

# %% slideshow={"slide_type": "skip"}
def english_sources():
    """Słowo angielskie -> polskie formy, z których może pochodzić (rzeczowniki, przymiotniki,
    czasowniki, liczebniki, „not”). Słów bez polskiego odpowiednika (the, a, did, I) nie oceniamy."""
    sources = {"not": {"nie"}}
    adjective_slots = [(case, gender, count) for case in ("nom", "acc", "gen")
                       for gender in ("m-pers", "m-anim", "m-inanim", "f", "n") for count in (1, 2, 5)]
    entries = [((noun["en"], noun["en_pl"]), [noun[k] for k in ("nom", "acc", "gen", "nom_pl", "gen_pl")])
               for noun in NOUNS.values()]
    entries += [((adj["en"], ENGLISH_FOR_MEN.get(lemma, adj["en"])),
                 [adjective_form(lemma, *slot) for slot in adjective_slots]) for lemma, adj in ADJECTIVES.items()]
    entries += [((verb["en"], verb["en3"], verb["en_past"]), [verb[k] for k in verb if k.startswith(("pres", "past"))])
                for verb in VERBS.values()]
    entries += [((numeral[2],), [numeral[0], numeral[1], numeral[3]]) for numeral in NUMERALS.values()]
    for english_words, polish_forms in entries:
        for word in english_words:
            sources.setdefault(word, set()).update(polish_forms)
    return sources


EN_SOURCES = english_sources()


def gold_alignment(polish, english):
    """Dla każdego słowa angielskiego pozycja jedynego polskiego słowa, z którego pochodzi, albo -1."""
    words = tokenize(polish)
    hits = [[j for j, w in enumerate(words) if w in EN_SOURCES.get(e, ())] for e in tokenize(english)]
    return [h[0] if len(h) == 1 else -1 for h in hits]


def gru_weights_on_references(name, x, decoder_input):
    """Wagi uwagi GRU przy teacher forcing (wejście dekodera z wzorca): (zdania, słowa celu, słowa źródła)."""
    encoder_states, state = translators[name]["encoder"](x, training=False)
    memory, mask = (keras.ops.convert_to_tensor(a) for a in (np.asarray(encoder_states), x != 0))
    weights = []
    for t in range(decoder_input.shape[1]):
        previous = keras.ops.convert_to_tensor(decoder_input[:, t:t + 1])
        _, state, w = translators[name]["step"]([previous, state, memory, mask], training=False)
        weights.append(np.asarray(w)[:, 0])
    return np.stack(weights, axis=1)


def alignment_hits(weights, gold):
    """Macierz gold (-1: słowo pomijamy) -> (trafienia argmax, trafienia w słowo o jedno dalej, oceniane)."""
    rows = gold >= 0
    guess = weights[:, :gold.shape[1]].argmax(axis=-1)
    return (guess == gold)[rows].mean(), (guess == gold + 1)[rows].mean(), int(rows.sum())


# %% slideshow={"slide_type": "skip"}
known = [(pl, en) for pl, en, _ in test_pairs if all(t in EN_INDEX for t in tokenize(en))]
align_x, (align_input, _) = encode_polish([pl for pl, _ in known]), encode_english([en for _, en in known])
gold = np.full((len(known), MAX_EN), -1)
for row, (pl, en) in zip(gold, known):
    links = gold_alignment(pl, en)
    row[:len(links)] = links
head_weights = np.asarray(transformer_with_weights([align_x, align_input], training=False)[1])
alignment = {"GRU z uwagą": alignment_hits(gru_weights_on_references("GRU z uwagą", align_x, align_input), gold),
             "Transformer, średnia głów": alignment_hits(head_weights.mean(axis=1), gold),
             **{f"Transformer, głowa {h}": alignment_hits(head_weights[:, h], gold) for h in range(HEADS)}}

# %%
print(f"ocenianych słów angielskich: {alignment['GRU z uwagą'][2]}; największa waga uwagi pada na:")
for label, (hit, next_word, _) in alignment.items():
    print(f"{label:<26} słowo źródłowe: {hit:.3f}, słowo po nim: {next_word:.3f}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Liczymy tylko słowa treści (rzeczowniki, przymiotniki, czasowniki, liczebniki i „not”),
# które mają w zdaniu polskim dokładnie jedno źródło; przedimki, „did” i „I” odpowiednika nie
# mają, a uwagę i tak gdzieś kierują. Na naszych krótkich zdaniach największa waga zwykle
# trafia: odsetek trafień wynosi 0,938 w GRU z uwagą i 0,947 w Transformerze (średnia głów).
# Prawie wszystkie pomyłki GRU to słowo o jedno dalej (odsetek 0,061 przy 0,062 wszystkich
# pomyłek): stan $h_{j+1}$ niesie słowo $x_j$ razem z następnym, więc uwaga może wziąć $x_j$
# z późniejszej pozycji. Wagi uwagi to więc środek do tłumaczenia, a nie dopasowanie: na
# naszych zdaniach zgadzają się z nim, ale Koehn i Knowles (2017) pokazali, że w prawdziwych
# systemach uwaga potrafi od dopasowania wyraźnie odbiegać.
# Przypadek graniczny dla tej miary: gdzie powinien patrzeć dekoder, pisząc przedimek „a”?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wypróbuj sam
#
# ✏️ Wpisz zdania po polsku, złożone ze słów słownika generatora (`NOUNS`, `VERBS`,
# `ADJECTIVES`, `NUMERALS`). Słowa spoza słownika notatnik wypisze i zdania nie przetłumaczy.

# %% slideshow={"slide_type": "skip"}
def translate_all(sentences):
    """Tabela tłumaczeń trzech modeli; zdania z nieznanymi słowami wypisuje i pomija."""
    known = []
    for sentence in sentences:
        unknown = sorted(set(unknown_words(sentence)) | {t for t in tokenize(sentence) if t not in PL_INDEX})
        if unknown:
            print(f"„{sentence}”: nieznane słowa: {', '.join(unknown)}; pomijam")
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
# „Czarnego psa widzi mała dziewczyna.” tłumaczy jako „The small girl sees a hungry dog.”,
# z dobrym szykiem, ale złym przymiotnikiem, a „Nie lubię starego domu.” jako
# „I do not like an old umbrella.”, z dobrą składnią i złym rzeczownikiem. Zdanie „Kot widzi smoka.” notatnik odrzuca, bo słowa
# „smoka” nie ma w słowniku generatora. Poproś o propozycje z sali: jakie zdanie
# zaproponowalibyście, żeby sprawdzić
# szyk OVS albo przeczenie? Wpisz je na żywo.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Jak rozwijała się dziedzina
#
# - **Transformer** (Vaswani i in. 2017) porzucił sieci rekurencyjne: każda warstwa kodera
#   i dekodera to uwaga (także między słowami tego samego zdania) i sieć jednokierunkowa
#   (*feed-forward*): dwie warstwy gęste stosowane do każdej pozycji osobno; do tego
#   połączenia rezydualne i normalizacja. Wszystkie pozycje liczy się równolegle, więc uczenie na dużych korpusach jest dużo
#   szybsze; nasz mały Transformer to jedna warstwa kodera i jedna dekodera.
# - **Podsłowa**: słownik słów jest za duży i nie zna nowych słów, a znaki są za drobne.
#   Kodowanie par bajtów (BPE, *byte pair encoding*; Sennrich i in. 2016) buduje słownik
#   z częstych kawałków słów, np. „tłumacz” + „enie”; takich słowników używają też dzisiejsze
#   duże modele językowe.
# - **Dane**: miliony par zdań z korpusów równoległych (Tatoeba, OPUS), a nie zdania
#   z generatora.

# %% [markdown] slideshow={"slide_type": "notes"}
# Ten slajd łączy nasze małe eksperymenty z dzisiejszą praktyką: mały Transformer już widzieliśmy,
# podsłowa pokażemy zaraz na małym przykładzie, a wielkich korpusów tu nie ma. Podsłowa rozwiązują problem, który
# widzieliśmy przy „smoku”: słowo spoza słownika rozpada się na znane kawałki, zamiast stać się
# tokenem `<unk>`. Zapowiedź
# następnego slajdu: na jakie kawałki mógłby podzielić słowo „niezapominajka” słownik
# podsłów zbudowany na polskich tekstach?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Podsłowa: BPE na polskich zdaniach
#
# - Start: każde słowo to ciąg znaków zakończony znacznikiem końca słowa `_`.
# - Krok: znajdź najczęstszą parę sąsiednich symboli w korpusie i sklej ją w nowy symbol.
# - Po $m$ sklejeniach nowe słowo dzielimy, stosując te same sklejenia w tej samej kolejności.
#   Uczymy 200 sklejeń na polskich zdaniach uczących.

# %% slideshow={"slide_type": "skip"}
def merge_pair(symbols, pair):
    """Skleja każde wystąpienie pary sąsiednich symboli w jeden symbol."""
    merged, i = [], 0
    while i < len(symbols):
        if tuple(symbols[i:i + 2]) == pair:
            merged.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            merged.append(symbols[i])
            i += 1
    return tuple(merged)


def learn_bpe(word_counts, merges):
    """Lista sklejeń BPE wyuczona na słowniku {słowo: liczba wystąpień}."""
    words = {tuple(word) + ("_",): count for word, count in word_counts.items()}
    rules = []
    for _ in range(merges):
        pairs = Counter()
        for symbols, count in words.items():
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += count
        rules.append(max(pairs, key=pairs.get))
        words = {merge_pair(symbols, rules[-1]): count for symbols, count in words.items()}
    return rules


def bpe_segment(word, rules):
    """Podział słowa na podsłowa: te same sklejenia w tej samej kolejności."""
    symbols = tuple(word) + ("_",)
    for pair in rules:
        symbols = merge_pair(symbols, pair)
    return symbols


# %%
BPE_MERGES = 200
word_counts = Counter(t for pl, _, _ in train_pairs for t in tokenize(pl) if t != ".")
bpe_rules = learn_bpe(word_counts, BPE_MERGES)
print("pierwsze sklejenia:", ", ".join("+".join(pair) for pair in bpe_rules[:8]))
for word in ["kupowały", "czyściło", "krowami"]:
    status = "jest w danych uczących" if word in word_counts else "nowe słowo, model słów widzi <unk>"
    print(f"{word:<10} → {' + '.join(bpe_segment(word, bpe_rules)):<22} ({status})")

# %% [markdown] slideshow={"slide_type": "notes"}
# Pierwsze sklejenia to częste końcówki i połączenia liter, np. „a_” (słowo kończące się na
# „-a”) i „ał” (czas przeszły). Formy „kupowały” nie ma w danych uczących („kupować” ma tylko
# podmioty będące osobami, a liczebniki stoją tylko przy zwierzętach), ale BPE dzieli ją na
# znany temat i końcówkę czasu przeszłego; model słów widziałby tylko `<unk>`. Prawdziwe
# systemy uczą dziesiątki tysięcy sklejeń, zwykle na obu językach naraz, często biblioteką
# SentencePiece (Kudo i Richardson 2018), która dzieli surowy tekst bez wcześniejszego
# podziału na słowa. Wróć do przewidywań
# z poprzedniego slajdu: jak podzieliłby „niezapominajka” słownik z tego korpusu?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Literatura
#
# - Sutskever, Vinyals, Le (2014), „Sequence to Sequence Learning with Neural Networks”:
#   [arXiv:1409.3215](https://arxiv.org/abs/1409.3215)
# - Cho i in. (2014), model koder–dekoder z GRU: [arXiv:1406.1078](https://arxiv.org/abs/1406.1078)
# - Bahdanau, Cho, Bengio (2015; ICLR 2015, wersja w arXiv z 2014), mechanizm uwagi w tłumaczeniu:
#   [arXiv:1409.0473](https://arxiv.org/abs/1409.0473)
# - Luong, Pham, Manning (2015), warianty mechanizmu uwagi:
#   [arXiv:1508.04025](https://arxiv.org/abs/1508.04025)
# - Vaswani i in. (2017), Transformer: [arXiv:1706.03762](https://arxiv.org/abs/1706.03762)
# - Sennrich, Haddow, Birch (2016), podsłowa BPE: [arXiv:1508.07909](https://arxiv.org/abs/1508.07909)
# - Kudo, Richardson (2018), SentencePiece: [ACL D18-2012](https://aclanthology.org/D18-2012/)
# - Papineni i in. (2002), miara BLEU: [ACL P02-1040](https://aclanthology.org/P02-1040/)
# - Och (2003), automatyczne strojenie wag systemu statystycznego (MERT):
#   [ACL P03-1021](https://aclanthology.org/P03-1021/)
# - Koehn, Knowles (2017), uwaga a dopasowanie słów: [ACL W17-3204](https://aclanthology.org/W17-3204/)
# - Popović (2015), miara chrF: [ACL W15-3049](https://aclanthology.org/W15-3049/)
# - Post (2018), `sacrebleu`: [ACL W18-6319](https://aclanthology.org/W18-6319/)

# %% [markdown] slideshow={"slide_type": "notes"}
# Nie czytaj całej listy; wskaż dwie prace na początek: Bahdanau, Cho, Bengio (2015), czyli
# mechanizm uwagi w tłumaczeniu, i Vaswani i in. (2017), czyli Transformer. Prace o BLEU i chrF
# przydadzą się każdemu, kto będzie oceniał modele generujące tekst. Na koniec sprawdź,
# kto zna już Transformer z innego kontekstu, np. z dużych modeli językowych.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Ćwiczenia
#
# Rozwiązania są w notatniku i na stronie, zwinięte pod każdym zadaniem.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 1: daty zapisane słowami.** Komórka niżej tworzy pary: data zapisana po polsku
# i jej zapis RRRR-MM-DD, np. „dwudziesty siódmy listopada dwa tysiące dwudziestego szóstego
# roku” → 2026-11-27 albo „piątek, 27 XI 2026 r.” → 2026-11-27. Naucz na nich model GRU bez
# mechanizmu uwagi i z nim, porównaj dokładną zgodność na zbiorze testowym i sprawdź, na
# których pozycjach daty mylą się modele. Wskazówki:
# - `date_tokens` dzieli źródło na słowa, a liczby na cyfry; cel dziel na znaki (słownik
#   docelowy: cyfry, łącznik i tokeny specjalne);
# - `build_translator`, `decode_ids` i `padded_batches` działają bez zmian;
#   wystarczą zanurzenia 32 i stan 64;
# - dzień i miesiąc stoją na początku zdania, a rok na końcu: co z tego wynika dla modelu bez uwagi?
# - przetłumacz zapisy spoza danych („31 lutego 2024 r.”, rok 1410, data bez roku):
#   czego model nie „rozumie”?

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
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)


def ordinal(n, case="nom"):
    """Liczebnik porządkowy 1–99 w mianowniku ("nom") albo dopełniaczu ("gen"): siódmy, siódmego."""
    words = [UNITS[n]] if n < 10 else [TEENS[n - 10]] if n < 20 else [w for w in (TENS[n // 10], UNITS[n % 10]) if w]
    if case == "gen":  # -y → -ego, -i → -iego: siódmy → siódmego, trzeci → trzeciego
        words = [w[:-1] + "ego" if w.endswith("y") else w + "ego" for w in words]
    return " ".join(words)


def year_in_words(year):
    """Rok 1900–2099 w dopełniaczu: tysiące i setki głównymi, reszta porządkowymi."""
    if year in (1900, 2000):
        return "tysiąc dziewięćsetnego" if year == 1900 else "dwutysięcznego"
    start = "tysiąc dziewięćset" if year < 2000 else "dwa tysiące"
    return f"{start} {ordinal(year % 100, 'gen')}"


def date_in_polish(date, choice):
    """Zapis daty po polsku; choice to cztery liczby z [0, 1) wybierające wariant zapisu."""
    prefix, day_form, month_form, year_form = choice
    case = "gen" if 0.25 <= prefix < 0.4 else "nom"
    start = f"{WEEKDAYS[date.weekday()]}, " if prefix < 0.25 else "dnia " if case == "gen" else ""
    day = ordinal(date.day, case) if day_form < 0.5 else str(date.day)
    month = ROMAN[date.month - 1] if day_form >= 0.5 and month_form < 0.3 else MONTHS[date.month - 1]
    year = (f"{year_in_words(date.year)} roku" if year_form < 0.45 else f"{date.year} r." if year_form < 0.7
            else f"{date.year} roku" if year_form < 0.85 else str(date.year))
    return f"{start}{day} {month} {year}"


def make_dates(n, seed):
    """n par (zapis po polsku, data RRRR-MM-DD) dla n różnych losowych dat z lat 1900–2099."""
    rng = np.random.default_rng(seed)
    offsets = rng.choice((LAST_DAY - FIRST_DAY).days + 1, size=n, replace=False)
    dates = [FIRST_DAY + datetime.timedelta(days=int(k)) for k in offsets]
    return [date_in_polish(d, c) for d, c in zip(dates, rng.random((n, 4)))], [d.isoformat() for d in dates]


def date_tokens(text):
    """Małe słowa, przecinki i pojedyncze cyfry: „piątek, 27 XI” → piątek , 2 7 xi."""
    words = text.lower().replace(",", " ,").split()
    return [token for word in words for token in (word if word.isdigit() else [word])]


for source, target in zip(*make_dates(4, seed=5)):
    print(f"{source:<70} → {target}")

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: zapisy dat słowami
assert year_in_words(1999) == "tysiąc dziewięćset dziewięćdziesiątego dziewiątego"
assert year_in_words(2010) == "dwa tysiące dziesiątego" and ordinal(27, "gen") == "dwudziestego siódmego"
assert date_in_polish(datetime.date(2026, 11, 27), (0.1, 0.9, 0.1, 0.5)) == "piątek, 27 XI 2026 r."

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
date_sources, date_targets = make_dates(1300 if FAST else 8300, seed=0)  # 300 ostatnich par to test
date_index = {t: i for i, t in enumerate(["<pad>", "<unk>"] + sorted({t for s in date_sources[:-300]
                                                                      for t in date_tokens(s)}))}
char_vocab = ["<pad>", "<s>", "</s>"] + list("0123456789-")


def encode_dates(sources, width=16):
    """Macierz numerów tokenów zapisów dat (0: wypełnienie, 1: token spoza słownika)."""
    x = np.zeros((len(sources), width), dtype="int32")
    for row, source in zip(x, sources):
        ids = [date_index.get(t, 1) for t in date_tokens(source)][:width]
        row[:len(ids)] = ids
    return x


def date_model(use_attention):
    """Uczy model dat na parach uczących; zwraca funkcję: lista zapisów → lista napisów RRRR-MM-DD."""
    chars = np.array([[char_vocab.index(c) for c in d] for d in date_targets[:-300]], dtype="int32")
    inputs = [encode_dates(date_sources[:-300]), np.pad(chars, ((0, 0), (1, 0)), constant_values=1)]
    keras.utils.set_random_seed(0)
    trainer, encoder, step = build_translator(use_attention, len(date_index), len(char_vocab), 32, 64)
    trainer.compile(optimizer=keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy")
    trainer.fit(padded_batches(inputs, np.pad(chars, ((0, 0), (0, 1)), constant_values=2), 64, repeat=True),
                steps_per_epoch=-(-len(chars) // 64), epochs=1 if FAST else 6, verbose=0)
    return lambda sources: ["".join(char_vocab[c] for c in row).split("</s>")[0]
                            for row in decode_ids(encoder, step, encode_dates(sources), 1, 11)[0]]


unusual = ["31 lutego 2024 r.", "15 lipca 1410 r.", "27 listopada"]
print(f"{'błędne znaki':<13}" + "".join(f"{c:>5}" for c in "RRRR-MM-DD") + "  dokładna zgodność")
for name, use_attention in [("GRU", False), ("GRU z uwagą", True)]:
    translate_dates = date_model(use_attention)
    predicted = translate_dates(date_sources[-300:])
    wrong = np.array([[a != b for a, b in zip(p.ljust(10), t)] for p, t in zip(predicted, date_targets[-300:])])
    exact = np.mean(np.array(predicted) == date_targets[-300:])
    print(f"{name:<13}" + "".join(f"{e:>5.0%}" for e in wrong.mean(axis=0)) + f"{exact:>19.3f}")
    print(" " * 13 + "; ".join(f"{s} → {t}" for s, t in zip(unusual, translate_dates(unusual))))

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 2.** Ile parametrów ma warstwa GRU kodera modeli zdań (wejście 64, stan 128)?
# Każda z trzech części GRU (dwie bramki i kandydat na nowy stan) ma wagi wejścia, wagi stanu
# i w Kerasie dwa wektory wyrazów wolnych. Policz i sprawdź `count_params()`.

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
n_in, n_state = EMBED_DIM, UNITS_RNN
by_formula = 3 * (n_in * n_state + n_state * n_state + 2 * n_state)
encoder_gru_layer = [layer for layer in translators["GRU"]["encoder"].layers if isinstance(layer, layers.GRU)][0]
print(f"wzór: 3 · ({n_in}·{n_state} + {n_state}·{n_state} + 2·{n_state}) = {by_formula}")
print(f"Keras: {encoder_gru_layer.count_params()}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Ćwiczenie 1 to zadanie, które mała sieć rozwiązuje w kilka epok, a dobrze pokazuje
# wąskie gardło. W rozwiązaniu (6 epok na 8000 par) GRU bez uwagi zapisuje poprawnie tylko
# 5,3% dat testowych, a z uwagą 99,0%. Bez uwagi rok jest zwykle dobry (trzecia i czwarta
# cyfra roku mylą się w 10% i 13% dat), a błędy skupiają się na drugich cyfrach miesiąca (65%)
# i dnia (80%): dzień i miesiąc model przeczytał na początku zdania i musi je nieść w jednym
# wektorze. „31 lutego 2024 r.” model z uwagą
# przepisuje posłusznie na 2024-02-31 (kalendarza nie zna), a rok 1410 zamienia na 1901, bo
# takich lat nie widział. Zapis bez roku daje napisy bez sensu („171-27”, „207-06-09”): każda
# data w uczeniu miała rok. W ćwiczeniu 2 wzór i `count_params()` dają tę samą liczbę, 74496.
# Przed pokazaniem rozwiązania niech sala przewidzi, na której pozycji daty będzie najwięcej
# błędów i dlaczego.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Podsumowanie
#
# W tym notatniku:
# - NMT to model koder–dekoder: koder zamienia zdanie źródłowe na reprezentację,
#   dekoder pisze z niej tłumaczenie token po tokenie;
# - uczymy go z *teacher forcing*, a tłumaczymy pętlą dekodowania zachłannego, od razu dla całego
#   wsadu zdań;
# - model bez mechanizmu uwagi musi zmieścić całe zdanie w jednym wektorze; z mechanizmem
#   uwagi dekoder w każdym kroku sam wybiera, na które słowa źródła patrzy;
# - na zdaniach z polskiego na angielski z generatora (odmiana, szyk OVS, podmiot domyślny,
#   przeczenie, liczebniki) GRU bez uwagi osiąga BLEU 65,1, z uwagą 99,8, a mały Transformer
#   99,6; modele z uwagą różnią się dopiero na zdaniach dłuższych niż w uczeniu i na nowych
#   połączeniach zjawisk (sekcje dodatkowe);
# - BLEU to przycięte precyzje $n$-gramów i kara za zwięzłość; wiązka nie naprawia błędów
#   modelu, a wagi uwagi tylko przypominają dopasowanie słów (sekcje dodatkowe);
# - Transformer z pracy „Attention Is All You Need” (Vaswani i in. 2017) uczono na około
#   4,5 mln par zdań angielsko-niemieckich (WMT 2014), z podsłowami BPE wspólnymi dla obu
#   języków; z tego układu wyrastają późniejsze systemy tłumaczenia (sekcje dodatkowe).

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź przez punkty podsumowania i połącz je z liczbami: BLEU 65,1 bez uwagi wobec 99,8
# z uwagą, na tych samych danych i po tej samej liczbie epok, a na dłuższych zdaniach 34,0,
# 86,2 i 93,9. Przypomnij, że nasze zdania są krótkie i regularne, więc to wynik na korpusie
# z generatora, a nie na prawdziwym tekście.
# Zakończ wyborem: który z trzech modeli wybralibyście do tłumaczenia prawdziwych tekstów i dlaczego?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Trzy rzeczy do zapamiętania
#
# - koder–dekoder: koder czyta zdanie, dekoder pisze tłumaczenie token po tokenie;
# - mechanizm uwagi usuwa wąskie gardło jednego wektora: dekoder w każdym kroku patrzy
#   na całe zdanie źródłowe;
# - Transformer zastępuje rekurencję uwagą (z warstwami gęstymi przy każdej pozycji); z tego
#   układu wyrastają późniejsze systemy tłumaczenia (sekcje dodatkowe).

# %% [markdown] slideshow={"slide_type": "notes"}
# Przy każdym punkcie wróć do jednego dowodu z wykładu: przy pierwszym do schematu
# z *teacher forcing* i dekodowaniem zachłannym, przy drugim do BLEU 65,1 wobec 99,8 na tych
# samych zdaniach, przy trzecim do trudniejszych testów, na których Transformer tracił najmniej
# (jeden przebieg z jednym ziarnem, więc to wskazówka, a nie dowód).
# To koniec wykładu 5, więc zostaw czas na pytania o całość, od RNN po tłumaczenie.

# %% [markdown] slideshow={"slide_type": "skip"}
# Najważniejsze liczby notatnika, po jednej w wierszu:

# %% slideshow={"slide_type": "skip"}
keys = {"GRU": "seq2seq", "GRU z uwagą": "attention", "Transformer": "transformer"}
for name, key in keys.items():
    print(f"bleu_{key}: {results.loc[name, 'BLEU']:.1f}")
    print(f"chrf_{key}: {results.loc[name, 'chrF']:.1f}")
    print(f"exact_match_{key}: {results.loc[name, 'dokładna zgodność']:.3f}")
    print(f"params_{key}: {results.loc[name, 'parametry']}")
    print(f"train_seconds_{key}: {translators[name]['seconds']:.1f}")
    for split, suffix in [("dłuższe zdania", "long"), ("OVS z przeczeniem", "unseen")]:
        print(f"bleu_{key}_{suffix}: {split_results.loc[name, (split, 'BLEU')]:.1f}")
        print(f"chrf_{key}_{suffix}: {split_results.loc[name, (split, 'chrF')]:.1f}")
        print(f"exact_match_{key}_{suffix}: {split_results.loc[name, (split, 'zgodność')]:.3f}")
for k in BEAM_WIDTHS + ["5 norm."]:
    for split, suffix in [("zwykły", ""), ("dłuższe zdania", "_long")]:
        print(f"bleu_seq2seq_beam{str(k).replace(' norm.', '_norm')}{suffix}: "
              f"{beam_bleu.loc[(split, 'GRU'), f'k = {k}']:.1f}")
        print(f"bleu_attention_beam{str(k).replace(' norm.', '_norm')}{suffix}: "
              f"{beam_bleu.loc[(split, 'GRU z uwagą'), f'k = {k}']:.1f}")
for (name, split, k), (n_wrong, n_model) in error_table.items():
    key = f"{'seq2seq' if name == 'GRU' else 'attention'}{'_long' if split == 'dłuższe zdania' else ''}_k{k}"
    print(f"beam_wrong_{key}: {n_wrong}")
    print(f"beam_model_error_share_{key}: {n_model / max(n_wrong, 1):.3f}")
n_wrong, n_model = error_table["GRU", "zwykły", 5]
print(f"beam_model_error_share: {n_model / max(n_wrong, 1):.3f}")
print(f"alignment_accuracy_attention: {alignment['GRU z uwagą'][0]:.3f}")
print(f"alignment_next_word_attention: {alignment['GRU z uwagą'][1]:.3f}")
print(f"alignment_accuracy_transformer: {alignment['Transformer, średnia głów'][0]:.3f}")
print(f"alignment_accuracy_best_head: {max(v[0] for k, v in alignment.items() if 'głowa' in k):.3f}")
print(f"bleu_by_hand: {bleu_by_hand:.2f}")
print(f"bpe_merges: {BPE_MERGES}")
print(f"train_pairs: {len(train_pairs)}")
print(f"test_pairs: {len(test_pairs)}")
print(f"sentence_epochs: {SENTENCE_EPOCHS}")
print(f"fast_mode: {FAST}")
