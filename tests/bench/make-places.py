#!/usr/bin/env python3
"""Writes N valid places of the national standard, ids place-1 … place-N,
from the first record of MODEL: six kinds of place in six communes of the
Grand Est, as tests/bench/reference-bench.sh and places-bench.sh use.

    make-places.py MODEL.csv OUT.csv N"""
import csv
import sys

with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
header, model = rows[0], rows[1]
col = {name: i for i, name in enumerate(header)}
communes = [("Reims", "51100", "51454"), ("Épernay", "51200", "51230"), ("Châlons-en-Champagne", "51000", "51108"),
            ("Troyes", "10000", "10387"), ("Charleville-Mézières", "08000", "08105"), ("Sedan", "08200", "08409")]
kinds = ["Médiathèque", "France services", "Espace numérique", "Centre social", "Tiers-lieu", "Mairie"]
with open(sys.argv[2], "w", newline='', encoding='utf-8') as out:
    w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(header)
    for i in range(1, int(sys.argv[3]) + 1):
        r = list(model)
        commune, cp, insee = communes[i % len(communes)]
        r[col["id"]] = f"place-{i}"
        r[col["pivot"]] = f"{43493312300000 + i:014d}"
        r[col["nom"]] = f"{kinds[i % len(kinds)]} {commune} {i}"
        r[col["commune"]], r[col["code_postal"]], r[col["code_insee"]] = commune, cp, insee
        r[col["latitude"]] = f"{48.0 + (i % 1000) / 1000:.5f}"
        r[col["longitude"]] = f"{3.5 + (i % 700) / 1000:.5f}"
        w.writerow(r)
