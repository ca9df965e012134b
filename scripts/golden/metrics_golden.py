#!/usr/bin/env python3
"""Writes the golden values that prove dev.hydra.core.metrics equals the Python reference packages.

Run once, commit the JSON it writes (the Java tests read it, they never run Python):

    python3 -m venv /tmp/hydra-metrics-venv
    /tmp/hydra-metrics-venv/bin/pip install rouge-score sacrebleu scikit-learn numpy
    /tmp/hydra-metrics-venv/bin/python scripts/golden/metrics_golden.py

Output: hydra-core/src/test/resources/golden/metrics.json (the package versions used are recorded in it).

What each section reproduces:
  * classification: LaMP's / HYDRA's create_metric_f1_accuracy_chatgpt. Its output post-processing
    (lowercase, strip, cut at the first ',' then '!', predictions keep up to and including the first ']';
    exact match to the label list gives an index, anything else -1) is restated below in `cls_normalize`;
    accuracy and macro-F1 are sklearn's accuracy_score and f1_score(labels=range(L), average="macro")
    with sklearn's default zero_division ("warn", which scores an ill-defined F1 as 0.0).
  * rating: LaMP's / HYDRA's create_metric_mae_rmse_chatgpt: the first \\d+ of prediction and gold; a
    prediction without one becomes 1.0 or 5.0, whichever is farther from the gold (LaMP eval/evaluation.py);
    MAE and RMSE by sklearn.
  * generation: rouge_score.RougeScorer(["rouge1", "rougeL"]) with its defaults (no stemmer) per pair,
    aggregated as the mean of per-pair F1; sacrebleu.corpus_bleu with its defaults (13a, exp smoothing,
    case-sensitive, no effective order). The facade strips outputs first, as HYDRA's postprocess_text does.
"""

import json
import math
import os
import platform
import random
import re
import sys
import unicodedata
from importlib.metadata import version

import numpy as np
import sacrebleu
from rouge_score import rouge_scorer, scoring, tokenize
from sacrebleu.metrics import BLEU
from sklearn.metrics import accuracy_score, f1_score, mean_absolute_error, mean_squared_error

SEED = 20241126
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "hydra-core", "src", "test", "resources", "golden", "metrics.json")

LAMP_2M_TAGS = ["sci-fi", "based on a book", "comedy", "action", "twist ending", "dystopia", "dark comedy",
                "classic", "psychology", "fantasy", "romance", "thought-provoking", "social commentary",
                "violence", "true story"]
LAMP_2N_CATEGORIES = ["women", "religion", "politics", "style & beauty", "entertainment", "culture & arts",
                      "sports", "science & technology", "travel", "business", "crime", "education",
                      "healthy living", "parents", "food & drink"]
LAMP_1_LABELS = ["[1]", "[2]"]

rng = random.Random(SEED)


# ----------------------------------------------------------------------------------------------------------
# classification
# ----------------------------------------------------------------------------------------------------------

def cls_normalize(text, is_prediction):
    """The post-processing rule of create_metric_f1_accuracy_chatgpt, restated."""
    text = text.lower().strip()
    if "," in text:
        text = text.split(",")[0]
    if "!" in text:
        text = text.split("!")[0]
    if is_prediction and "]" in text:
        text = text.split("]")[0] + "]"
    return text


def cls_index(text, labels):
    return labels.index(text) if text in labels else -1


def prediction_variants(label):
    return [label, label.upper(), label.title(), "  " + label + " \n", label + ", because it is funny",
            label + "!", label + "! definitely", label + ".", "Tag: " + label, "the answer is " + label,
            label + "]", "[" + label + "]", label + "\u00a0", "\u3000" + label, label + " " + label]


def classification_section():
    pairs = []
    tasks = [("lamp2m", LAMP_2M_TAGS), ("lamp2n", LAMP_2N_CATEGORIES), ("lamp1", LAMP_1_LABELS)]
    hand = {
        "lamp2m": ["", " ", "comedy", "COMEDY", "Comedy, drama", "comedy!", "comedy !", "sci-fi]",
                   "dark comedy, comedy", "twist ending!!!", "Cómedy", "喜剧", "comedy 🎬", "comédie",
                   "based on a book.", "true story\n", "\ttrue story\t", "none of these", "[comedy]"],
        "lamp2n": ["style & beauty", "Style & Beauty", "style &amp; beauty", "food & drink, travel",
                   "culture & arts!", "science and technology", "politics]", "POLITICS ", "政治", "women\u2028"],
        "lamp1": ["[1]", "[2]", "[1] because the title matches", " [2]", "[1], [2]", "1", "[3]", "[1",
                  "The answer is [2]", "[2]!", "[1]]", "[ 1 ]", "【1】", ""],
    }
    for task, labels in tasks:
        for text in hand[task]:
            pairs.append((task, text, rng.choice(labels)))
        for label in labels:
            for text in prediction_variants(label):
                pairs.append((task, text, rng.choice([label, label, rng.choice(labels)])))
    # golds in the forms a data file may hold them: some with case or surrounding space
    rows = []
    for task, prediction, gold in pairs:
        labels = dict(tasks)[task]
        gold_text = rng.choice([gold, gold, gold, " " + gold, gold.capitalize()])
        p = cls_index(cls_normalize(prediction, True), labels)
        g = cls_index(cls_normalize(gold_text, False), labels)
        assert g >= 0, gold_text
        rows.append({"task": task, "prediction": prediction, "gold": gold_text,
                     "normalized_prediction": cls_normalize(prediction, True), "prediction_index": p,
                     "gold_index": g})

    corpora = []

    def add_corpus(name, task, idx):
        labels = dict(tasks)[task]
        preds = [rows[i]["prediction_index"] for i in idx]
        golds = [rows[i]["gold_index"] for i in idx]
        corpora.append({
            "name": name, "task": task, "indices": idx,
            "accuracy": float(accuracy_score(golds, preds)),
            "f1": float(f1_score(golds, preds, labels=list(range(len(labels))), average="macro")),
        })

    for task, _ in tasks:
        idx = [i for i, r in enumerate(rows) if r["task"] == task]
        add_corpus(task + "-all", task, idx)
        for k in (1, 2, 5, 20, 50):
            if k < len(idx):
                add_corpus("%s-sample-%d" % (task, k), task, sorted(rng.sample(idx, k)))
        # only two labels ever appear: the other thirteen have no true nor predicted sample (zero division)
        few = [i for i in idx if rows[i]["gold_index"] in (0, 1)][:12]
        add_corpus(task + "-two-labels", task, few)
        wrong = [i for i in idx if rows[i]["prediction_index"] == -1][:15]
        add_corpus(task + "-all-unparsable", task, wrong)
    return {"labels": {t: l for t, l in tasks}, "pairs": rows, "corpora": corpora}


# ----------------------------------------------------------------------------------------------------------
# rating
# ----------------------------------------------------------------------------------------------------------

def first_integer(text):
    found = re.findall(r"\d+", text)
    return found[0] if found else None


def rating_value(prediction, gold):
    """LaMP's rule: float of the first integer; none in the prediction -> the worse of 1.0 and 5.0."""
    g = float(first_integer(gold.strip()))
    p = first_integer(prediction.strip())
    if p is not None:
        return float(p), g
    return (1.0 if abs(1 - g) > abs(5 - g) else 5.0), g


def rating_section():
    hand = ["", " ", "4", " 5 ", "4.5", "3/5", "I'd say 3 stars", "five", "Five stars!", "0", "10", "-2",
            "٣", "３", "४", "score: 4", "99999999999999999999", "rating 2, maybe 3", "⭐⭐⭐⭐", "n/a",
            "1e3", "12abc", "four (4)", "\u00a02\u00a0", "tres", "3️⃣", "²", "①"]
    rows = []
    for text in hand:
        for gold in ("1", "3", "5", " 4\n"):
            rows.append((text, gold))
    for _ in range(140):
        gold = str(rng.randint(1, 5))
        kind = rng.random()
        if kind < 0.55:
            pred = str(rng.randint(1, 5))
        elif kind < 0.7:
            pred = rng.choice(["The score is ", "", "Rating: ", "I think "]) + str(rng.randint(1, 5)) + \
                rng.choice(["", ".", " stars", "/5", "!"])
        elif kind < 0.85:
            pred = rng.choice(["", "excellent", "no idea", "N/A", "five", "très bien", "好", "👍"])
        else:
            pred = str(rng.randint(0, 12)) + rng.choice(["", ".0", ".5"])
        rows.append((pred, rng.choice([gold, gold, " " + gold + " "])))
    out = []
    for pred, gold in rows:
        p, g = rating_value(pred, gold)
        out.append({"prediction": pred, "gold": gold, "prediction_value": p, "gold_value": g})

    corpora = []

    def add_corpus(name, idx):
        p = [out[i]["prediction_value"] for i in idx]
        g = [out[i]["gold_value"] for i in idx]
        corpora.append({"name": name, "indices": idx, "mae": float(mean_absolute_error(g, p)),
                        "rmse": float(math.sqrt(mean_squared_error(g, p)))})

    # the 20-digit answer parses to 1e20 and would drown every aggregate it is part of: one corpus of its own
    huge = [i for i, r in enumerate(out) if r["prediction_value"] > 1e6]
    everything = [i for i in range(len(out)) if i not in huge]
    add_corpus("all", everything)
    add_corpus("with-huge-numbers", huge + everything[:10])
    for k in (1, 2, 5, 20, 50, 100):
        add_corpus("sample-%d" % k, sorted(rng.sample(everything, k)))
    add_corpus("unparsable", [i for i in everything if first_integer(out[i]["prediction"]) is None][:20])
    return {"pairs": out, "corpora": corpora}


# ----------------------------------------------------------------------------------------------------------
# generation
# ----------------------------------------------------------------------------------------------------------

WORDS = ("the a of to in and is for on with new how why what trump says world cup study finds women men "
         "people city police school health food travel money music film star best worst year day night "
         "10 2024 3.14 1,000 2-3 50% $5 U.S. e-mail don't it's o'clock vs. etc. Mr. Dr. A.I. COVID-19 "
         "Headline Guitar Amp Strings Pedal Sound Great Quality Price Value Works Fine Not Bad Love").split()
UNICODE_WORDS = ["café", "naïve", "Ünïcödé", "résumé", "Straße", "İstanbul", "\u212aelvin", "ﬁne", "Ångström",
                 "東京", "中文标题", "日本語", "한국어", "Москва", "Ελληνικά", "עברית", "العربية", "हिन्दी",
                 "🚀", "👍🏽", "🎸🎶", "❤️", "👨‍👩‍👧", "½", "²", "①", "٣", "３"]
PUNCT = [",", ".", "!", "?", ";", ":", "-", "--", "—", "–", "(", ")", "[", "]", "{", "}", "\"", "'", "`",
         "&", "&amp;", "&quot;", "&lt;", "&gt;", "<", ">", "/", "\\", "|", "~", "^", "_", "@", "#", "*", "+",
         "=", "...", "…", "«", "»", "“", "”", "’", "<skipped>"]
SEPARATORS = [" "] * 12 + ["  ", "\t", "\n", "-\n", " \n ", "\u00a0", "\u3000", "\u2009", "\u200b", "\r\n",
                            "\x0b", "\x1c", "\u2028", "\u0085"]


def random_token():
    r = rng.random()
    if r < 0.70:
        return rng.choice(WORDS)
    if r < 0.85:
        return rng.choice(PUNCT)
    return rng.choice(UNICODE_WORDS)


def random_sentence(n):
    out = []
    for i in range(n):
        out.append(random_token())
        if i < n - 1:
            out.append(rng.choice(SEPARATORS))
    return "".join(out)


def mutate(tokens):
    tokens = list(tokens)
    for _ in range(rng.randint(0, max(1, len(tokens) // 2))):
        op = rng.random()
        if op < 0.3 and tokens:
            del tokens[rng.randrange(len(tokens))]
        elif op < 0.6:
            tokens.insert(rng.randint(0, len(tokens)), random_token())
        elif op < 0.8 and tokens:
            tokens[rng.randrange(len(tokens))] = random_token()
        elif len(tokens) > 1:
            i = rng.randrange(len(tokens) - 1)
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
    return tokens


def generation_pairs():
    hand = [
        ("", ""), ("", "a headline"), ("a headline", ""), ("   ", "\n\t"), ("!!!", "???"),
        ("The Cat", "the cat"), ("the the the the", "the"), ("the", "the the the the"),
        ("a b c d e", "a b c d e"), ("e d c b a", "a b c d e"), ("one two three", "four five six"),
        ("Trump says U.S. will win, again.", "Trump says the U.S. will win again"),
        ("café naïve résumé", "cafe naive resume"), ("東京 タワー", "東京タワー"), ("🚀 to the moon 🚀", "to the moon"),
        ("İstanbul \u212aelvin", "istanbul kelvin"), ("ﬁne", "fine"), ("don't stop", "do n't stop"),
        ("3.14 is pi, 1,000 is big", "3.14 is pi , 1,000 is big"), ("2-3 games", "2 - 3 games"),
        ("e-mail -\nrelated", "e-mail related"), ("AT&amp;T &quot;deal&quot;", "AT&T \"deal\""),
        ("<skipped> text", "text"), ("line one\nline two", "line one line two"),
        ("trailing space   ", "trailing space"), ("tab\tseparated\tvalues", "tab separated values"),
        ("nbsp\u00a0here", "nbsp here"), ("ideographic\u3000space", "ideographic space"),
        ("zero\u200bwidth", "zero width"), ("vertical\x0btab", "vertical tab"),
        ("Hello, World!", "hello world"), ("end with period .", "end with period."),
        ("x", "x"), ("x y", "x y"), ("x y z", "x y z"), ("w x y z", "w x y z"),
        ("Ελληνικά Москва العربية", "Ελληνικά Москва"), ("½ ² ① ٣ ３", "1 2 3"),
        ("A " * 60 + "long sentence", "a " * 55 + "long sentence indeed"),
        ("\u2028separator\u2029", "separator"), ("Straße STRASSE", "strasse"),
    ]
    pairs = [(p, g, "hand") for p, g in hand]
    while len(pairs) < 260:
        r = rng.random()
        n = rng.randint(0, 14) if r < 0.7 else rng.randint(15, 45) if r < 0.93 else rng.randint(60, 130)
        gold_tokens = [random_token() for _ in range(n)]
        if rng.random() < 0.15:
            gold_tokens = gold_tokens + gold_tokens[: rng.randint(1, max(1, n))]  # repeated words
        if rng.random() < 0.8:
            pred_tokens = mutate(gold_tokens)
        else:
            pred_tokens = [random_token() for _ in range(rng.randint(0, 20))]

        def join(tokens):
            out = []
            for i, t in enumerate(tokens):
                out.append(t)
                if i < len(tokens) - 1:
                    out.append(rng.choice(SEPARATORS))
            text = "".join(out)
            if rng.random() < 0.1:
                text = rng.choice([" ", "\n", "  \t"]) + text + rng.choice([" ", "\n", " \u3000"])
            return text

        pairs.append((join(pred_tokens), join(gold_tokens), "random"))
    return pairs


def bleu_record(hyps, refs):
    s = sacrebleu.corpus_bleu(hyps, [refs])
    return {"score": s.score, "counts": list(s.counts), "totals": list(s.totals),
            "precisions": list(s.precisions), "bp": s.bp, "sys_len": s.sys_len, "ref_len": s.ref_len}


def generation_section():
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"])
    bleu = BLEU()
    rows = []
    for pred, gold, origin in generation_pairs():
        score = scorer.score(gold, pred)  # HF evaluate calls scorer.score(reference, prediction)
        rows.append({
            "origin": origin, "prediction": pred, "gold": gold,
            "prediction_rouge_tokens": tokenize.tokenize(pred, None),
            "prediction_13a": bleu._preprocess_segment(pred),
            "gold_13a": bleu._preprocess_segment(gold),
            "rouge1": [score["rouge1"].precision, score["rouge1"].recall, score["rouge1"].fmeasure],
            "rougeL": [score["rougeL"].precision, score["rougeL"].recall, score["rougeL"].fmeasure],
        })

    corpora = []

    def add_corpus(name, idx):
        raw_p = [rows[i]["prediction"] for i in idx]
        raw_g = [rows[i]["gold"] for i in idx]
        p = [x.strip() for x in raw_p]  # HYDRA/LaMP postprocess_text
        g = [x.strip() for x in raw_g]
        r1 = [scorer.score(b, a)["rouge1"].fmeasure for a, b in zip(p, g)]
        rl = [scorer.score(b, a)["rougeL"].fmeasure for a, b in zip(p, g)]
        np.random.seed(0)
        agg = scoring.BootstrapAggregator()
        for a, b in zip(p, g):
            agg.add_scores(scorer.score(b, a))
        boot = agg.aggregate()
        corpora.append({
            "name": name, "indices": idx,
            "rouge1": float(np.mean(r1)), "rougeL": float(np.mean(rl)),
            "bleu": bleu_record(p, g)["score"],
            "bleu_raw": bleu_record(raw_p, raw_g),
            "rouge1_bootstrap_mid_seed0": float(boot["rouge1"].mid.fmeasure),
            "rougeL_bootstrap_mid_seed0": float(boot["rougeL"].mid.fmeasure),
        })

    everything = list(range(len(rows)))
    add_corpus("all", everything)
    add_corpus("hand", [i for i in everything if rows[i]["origin"] == "hand"])
    add_corpus("random", [i for i in everything if rows[i]["origin"] == "random"])
    for n, k in enumerate((1, 1, 2, 3, 5, 10, 20, 50, 100, 200)):
        add_corpus("sample-%d-of-%d" % (n, k), sorted(rng.sample(everything, k)))
    short = [i for i in everything if 0 < len(rows[i]["prediction_13a"].split()) < 4][:8]
    add_corpus("short-hypotheses-no-4-grams", short)
    add_corpus("identical", [i for i in everything if rows[i]["prediction"] == rows[i]["gold"]
                             and rows[i]["prediction"].strip()])
    add_corpus("empty-prediction", [i for i in everything if not rows[i]["prediction"].strip()][:5])
    return {"pairs": rows, "corpora": corpora}


# ----------------------------------------------------------------------------------------------------------
# Python's text primitives the metrics depend on
# ----------------------------------------------------------------------------------------------------------

def text_section():
    spaces = [c for c in range(0x110000) if chr(c).isspace()]
    rouge_tokens = {}
    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        tokens = tokenize.tokenize(chr(c), None)
        if tokens:
            rouge_tokens[str(c)] = tokens
    return {"unicode_version": unicodedata.unidata_version, "whitespace_code_points": spaces,
            "rouge_tokens_of_single_code_points": rouge_tokens}


def main():
    golden = {
        "generator": "scripts/golden/metrics_golden.py",
        "seed": SEED,
        "versions": {
            "python": platform.python_version(),
            "rouge-score": version("rouge-score"),
            "sacrebleu": version("sacrebleu"),
            "scikit-learn": version("scikit-learn"),
            "numpy": version("numpy"),
        },
        "classification": classification_section(),
        "rating": rating_section(),
        "generation": generation_section(),
        "text": text_section(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="ascii") as f:
        json.dump(golden, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print("wrote %s: %d classification, %d rating, %d generation pairs" % (
        os.path.normpath(OUT), len(golden["classification"]["pairs"]), len(golden["rating"]["pairs"]),
        len(golden["generation"]["pairs"])), file=sys.stderr)


if __name__ == "__main__":
    main()
