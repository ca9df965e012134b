#!/usr/bin/env python3
"""Writes the golden BM25 Okapi scores that Bm25OkapiParityTest checks the Java `bm25-okapi` retriever against.

Run from the repository root:
    pip install rank_bm25==0.2.2 numpy
    python3 scripts/golden/bm25_golden.py

The fixture (hand-written profiles, one list per user, in history order) lives here, so the JSON is fully
reproducible. Tokenization is LaMP's and HYDRA's: str.split(), no lower-casing. The reference ranking is
numpy.argsort(scores, kind="stable")[::-1], i.e. ties go to the later profile item (what LaMP's
get_top_n gives for small profiles, where numpy's default sort is an insertion sort).
"""
import json
import os
import sys
from importlib.metadata import version

import numpy as np
from rank_bm25 import BM25Okapi

USERS = {
    "alice": {
        "items": [
            "The cat sat on the mat",
            "A dog chased the cat around the garden",
            "Stock markets fell sharply on Monday",
            "the the the the cat",
            "Quantum computing breakthrough announced by researchers",
            "Cat food prices rise as inflation bites",
        ],
        "queries": ["cat on the mat", "Stock prices", "the", "nothing matches here", "cat cat dog"],
    },
    "bob": {
        "items": [
            "Works great and easy to use. Definitely worth the money!!",
            "Broke after two weeks. Not worth the money.",
            "Great strings, great tone, great price.",
            "Easy to install; sounds\u00a0great with my guitar",
            "Works as described.",
        ],
        "queries": ["great price", "worth the money", "Great", "guitar sounds\u00a0great", "works"],
    },
    "carol": {
        "items": ["single item profile with words"],
        "queries": ["profile words", "absent"],
    },
    "dave": {
        "items": [
            "Lawmakers Seek Investigation Of Al Jazeera Amid Israel Documentary Controversy The channel secretly "
            "filmed lawmakers and activists in the pro-Israel community for months in 2016.",
            "The Controversy Over Trump And Russia Sanctions Isn't Going Away The president is enforcing sanctions "
            "from before he took office.",
            "Legal Scholars Trash Pentagon's Effort To Ban Transgender Troops HuffPost obtained a letter the experts "
            "sent today to Senate leaders McConnell and Schumer.",
            "Russia Says Sanctions Will Not Change Its Course Moscow responded to new sanctions on Thursday.",
            "A Guide To Spring Gardening Plant early, water often, and watch the sun.",
            "Senate Leaders Agree On Budget Deal The deal averts a shutdown for now.",
            "Trump Says Russia Talks Went Well The president spoke after the summit.",
        ],
        "queries": [
            "Faced with a Russian attempt to redraw borders in Europe, the U.S. is preparing sanctions",
            "Senate leaders and the president",
            "gardening in spring",
        ],
    },
    "erin": {
        "items": ["a b c", "a b", "a", "a a a a", "b c d e", "e", "a b c d e f", ""],
        "queries": ["a", "b", "e f", "a b c d e f", "z"],
    },
    "frank": {
        "items": [
            "sci-fi space opera with robots",
            "a comedy about a wedding",
            "based on a book: a comedy of manners",
            "robots and aliens in space",
            "a wedding in space",
            "thriller\tabout a heist\n in Paris",
            "Paris romance",
            "a heist comedy",
            "documentary about space robots",
            "a a a a a a a a",
            "romance comedy wedding",
            "the book was better",
            "space",
            "aliens",
            "robots robots robots",
            "a comedy",
            "Paris heist thriller",
            "an animated film about robots in Paris",
        ],
        "queries": ["robots in space", "a comedy", "Paris heist", "a"],
    },
}


def main():
    out = {
        "generator": "scripts/golden/bm25_golden.py",
        "package": "rank_bm25",
        "package_version": version("rank_bm25"),
        "numpy_version": np.__version__,
        "parameters": {"k1": 1.5, "b": 0.75, "epsilon": 0.25},
        "users": [],
    }
    for user, spec in USERS.items():
        bm25 = BM25Okapi([text.split() for text in spec["items"]])
        cases = []
        for query in spec["queries"]:
            scores = bm25.get_scores(query.split())
            ranking = np.argsort(scores, kind="stable")[::-1]
            cases.append({
                "query": query,
                "scores": [float(s) for s in scores],
                "ranking": [int(i) for i in ranking],
            })
        out["users"].append({"user": user, "items": spec["items"], "cases": cases})
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "hydra-retrievers", "src", "test", "resources", "golden", "bm25_okapi_golden.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=True)
        f.write("\n")
    print("wrote", path, file=sys.stderr)


if __name__ == "__main__":
    main()
