/* sillon-demo.c — a deterministic, realistic reference dataset
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-demo.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sillon-assessment.h"

/* The benchmarks and the screenshots need the same data on every machine:
 * the generator draws from its own seeded PRNG (xoshiro256**, seeded with
 * splitmix64), never from rand() or GLib's global generator, and reads the
 * enumerations from the Coop vocabulary the store validates against. */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
rng_seed (Rng *rng, guint64 seed)
{
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n), n > 0; the modulo bias is irrelevant at these sizes. */
static guint
rng_below (Rng *rng, guint n)
{
  return (guint) (rng_next (rng) % n);
}

static double
rng_unit (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
rng_chance (Rng *rng, double p)
{
  return rng_unit (rng) < p;
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* ── Source data ───────────────────────────────────────────────────────── */

static const char *const female_names[] = {
  "Françoise",
  "Marie",
  "Monique",
  "Nathalie",
  "Isabelle",
  "Sylvie",
  "Catherine",
  "Martine",
  "Christine",
  "Chantal",
  "Hélène",
  "Élodie",
  "Céline",
  "Aurélie",
  "Sophie",
  "Émilie",
  "Jeanne",
  "Léa",
  "Chloé",
  "Inès",
  "Anaïs",
  "Zoé",
  "Josiane",
  "Geneviève",
  "Thérèse",
  "Fatima",
  "Aïcha",
  "Yasmine",
  "Mélanie",
  "Noëlle",
  "Maëlys",
  "Bernadette",
  "Odile",
  "Danièle",
  "Ginette",
  "Amélie",
  "Solène",
  "Agnès",
  "Khadija",
  "Leïla",
};

static const char *const male_names[] = {
  "Jean",
  "Michel",
  "Philippe",
  "Alain",
  "Patrick",
  "Nicolas",
  "Christophe",
  "Pierre",
  "Daniel",
  "Bernard",
  "Éric",
  "Frédéric",
  "Stéphane",
  "Jérôme",
  "François",
  "Gérard",
  "René",
  "André",
  "Noël",
  "Raphaël",
  "Mohamed",
  "Karim",
  "Youssef",
  "Mamadou",
  "Théo",
  "Lucas",
  "Hugo",
  "Joël",
  "Benoît",
  "Loïc",
  "Gaëtan",
  "Hervé",
  "Rémi",
  "Sébastien",
  "Cédric",
  "Mathéo",
  "Ibrahim",
  "Moussa",
  "Grégoire",
  "Jérémy",
};

static const char *const last_names[] = {
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Lefèvre",
  "Michel",
  "Garcia",
  "David",
  "Bertrand",
  "Roux",
  "Vincent",
  "Fournier",
  "Morel",
  "Girard",
  "André",
  "Lefebvre",
  "Mercier",
  "Dupont",
  "Lambert",
  "Bonnet",
  "François",
  "Martinez",
  "Legrand",
  "Garnier",
  "Faure",
  "Rousseau",
  "Blanc",
  "Guérin",
  "Muller",
  "Henry",
  "Roussel",
  "Nicolas",
  "Perrin",
  "Morin",
  "Mathieu",
  "Clément",
  "Gauthier",
  "Dumont",
  "Lopez",
  "Fontaine",
  "Chevalier",
  "Robin",
  "Masson",
  "Sánchez",
  "Gérard",
  "Nguyen",
  "Boyer",
  "Denis",
  "Lemaire",
  "Duval",
  "Joly",
  "Gautier",
  "Roger",
  "Roche",
  "Roy",
  "Noël",
  "Meyer",
  "Lucas",
  "Meunier",
  "Jean",
  "Pérez",
  "Marchand",
  "Dufour",
  "Blanchard",
  "Barbier",
  "Brun",
  "Dumas",
  "Brunet",
  "Schmitt",
  "Leroux",
  "Colin",
  "Fernandez",
  "Benali",
  "Haddad",
  "Diallo",
  "Traoré",
  "N'Diaye",
  "Da Silva",
  "Pereira",
  "Le Gall",
  "Le Bœuf",
  "Kowalski",
  "Hoarau",
  "Payet",
  "Grondin",
  "Lebon",
  "Cœurderoy",
  "Bréhier",
  "Delaître",
};

typedef struct
{
  const char *name;
  const char *insee;
  const char *postal;
  double lat, lon;
} Commune;

/* Official geographic codes (INSEE) and a postal code of each commune. The
 * first five are the demo structure's territory and get most people. */
static const Commune communes[] = {
  { "Reims", "51454", "51100", 49.2583, 4.0317 },
  { "Épernay", "51230", "51200", 49.0431, 3.9561 },
  { "Châlons-en-Champagne", "51108", "51000", 48.9566, 4.3631 },
  { "Charleville-Mézières", "08105", "08000", 49.7620, 4.7262 },
  { "Troyes", "10387", "10000", 48.2973, 4.0744 },
  { "Paris", "75056", "75011", 48.8566, 2.3522 },
  { "Lyon", "69123", "69003", 45.7640, 4.8357 },
  { "Marseille", "13055", "13001", 43.2965, 5.3698 },
  { "Lille", "59350", "59000", 50.6292, 3.0573 },
  { "Toulouse", "31555", "31000", 43.6047, 1.4442 },
  { "Nantes", "44109", "44000", 47.2184, -1.5536 },
  { "Strasbourg", "67482", "67000", 48.5734, 7.7521 },
  { "Bordeaux", "33063", "33000", 44.8378, -0.5792 },
  { "Rennes", "35238", "35000", 48.1173, -1.6778 },
  { "Montpellier", "34172", "34000", 43.6108, 3.8767 },
  { "Dijon", "21231", "21000", 47.3220, 5.0415 },
  { "Besançon", "25056", "25000", 47.2378, 6.0241 },
  { "Limoges", "87085", "87000", 45.8336, 1.2611 },
  { "Clermont-Ferrand", "63113", "63000", 45.7772, 3.0870 },
  { "Amiens", "80021", "80000", 49.8941, 2.2958 },
  { "Rouen", "76540", "76000", 49.4432, 1.0999 },
  { "Caen", "14118", "14000", 49.1829, -0.3707 },
  { "Metz", "57463", "57000", 49.1193, 6.1757 },
  { "Nancy", "54395", "54000", 48.6921, 6.1844 },
  { "Grenoble", "38185", "38000", 45.1885, 5.7245 },
  { "Brest", "29019", "29200", 48.3904, -4.4861 },
  { "Poitiers", "86194", "86000", 46.5802, 0.3404 },
  { "Orléans", "45234", "45000", 47.9030, 1.9093 },
  { "Tours", "37261", "37000", 47.3941, 0.6848 },
  { "Saint-Étienne", "42218", "42000", 45.4397, 4.3872 },
  { "Le Mans", "72181", "72000", 48.0061, 0.1996 },
  { "Angers", "49007", "49000", 47.4784, -0.5632 },
  { "Nîmes", "30189", "30000", 43.8367, 4.3601 },
  { "Perpignan", "66136", "66000", 42.6887, 2.8948 },
  { "Ajaccio", "2A004", "20000", 41.9192, 8.7386 },
  { "Bastia", "2B033", "20200", 42.6973, 9.4509 },
};
#define LOCAL_COMMUNES 5

typedef struct
{
  const char *typologie; /* a code of the Coop's typologies */
  const char *prefix;    /* the name is prefix + commune + suffix */
  const char *suffix;
} PlaceKind;

static const PlaceKind place_kinds[] = {
  { "BIB", "Médiathèque de ", "" },
  { "MUNI", "France Services de ", "" },
  { "CCAS", "CCAS de ", "" },
  { "CS", "Centre social de ", "" },
  { "EPN", "Espace public numérique de ", "" },
  { "ASSO", "", " Solidarité Numérique" },
  { "ML", "Mission locale de ", "" },
  { "TIERS_LIEUX", "La Fabrique numérique – ", "" },
  { "PIMMS", "PIMMS Médiation de ", "" },
  { "MDS", "Maison des solidarités de ", "" },
};

static const char *const streets[] = {
  "rue Victor Hugo",
  "avenue Jean Jaurès",
  "place de la République",
  "rue Pasteur",
  "boulevard Gambetta",
  "rue de l’Église",
  "rue des Écoles",
  "allée des Tilleuls",
  "rue Émile Zola",
  "place du Marché",
  "rue Jules Ferry",
  "avenue de la Gare",
};

static const char *const services[] = {
  "Aide aux démarches administratives",
  "Maîtrise des outils numériques du quotidien",
  "Insertion professionnelle via le numérique",
  "Utilisation sécurisée du numérique",
  "Parentalité et éducation avec le numérique",
  "Loisirs et créations numériques",
  "Compréhension du monde numérique",
  "Accès internet et matériel informatique",
  "Acquisition de matériel informatique à prix solidaire",
};

static const char *const opening_hours[] = {
  "Mo-Fr 09:00-12:00,14:00-17:30",
  "Tu-Sa 10:00-18:00",
  "Mo,We,Fr 14:00-18:00; Sa 09:30-12:30",
  "Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00",
  "We 14:00-17:00; Sa 10:00-12:00",
};

static const char *const access_modes[] = {
  "Se présenter",
  "Téléphoner",
  "Contacter par mail",
  "Prendre un RDV en ligne",
};

static const char *const support_modes[] = {
  "En autonomie",
  "Accompagnement individuel",
  "Dans un atelier collectif",
  "À distance",
};

static const char *const procedures[] = {
  "Demande de RSA",
  "Renouvellement de la carte Vitale",
  "Déclaration de revenus",
  "Prise de rendez-vous pour une carte d’identité",
  "Dossier d’aide au logement",
  "Inscription à France Travail",
  "Demande de carte grise",
  "Création d’un compte Ameli",
  "Demande de prime d’activité",
  "Dossier de retraite",
};

static const char *const beneficiary_notes[] = {
  "Préfère être appelée le matin.",
  "Vient avec sa fille le mercredi.",
  "Malvoyant : agrandir les caractères.",
  "Pas d’ordinateur à la maison, un smartphone ancien.",
  "Souhaite apprendre à faire seul ses démarches.",
};

static const char *const session_notes[] = {
  "Compte créé, mot de passe noté dans son carnet.",
  "À revoir : pièces jointes.",
  "Rendez-vous pris pour la suite.",
  "A réussi seule la deuxième fois.",
};

static const char *const referral_reasons[] = {
  "Dossier à déposer au guichet, pièces justificatives à faire vérifier.",
  "Besoin d’un rendez-vous avec une assistante sociale.",
  "Recherche d’emploi : accompagnement par un conseiller.",
  "Démarche bloquée, l’organisme doit débloquer le compte.",
  "Ateliers collectifs réguliers plus près de chez elle.",
};

static const char *const referral_documents[] = {
  "Pièce d’identité, justificatif de domicile.",
  "Dernier avis d’imposition.",
  "Attestation de la CAF.",
};

static const char *const parcours_titles[] = {
  "Devenir autonome pour ses démarches",
  "Prendre en main son smartphone",
  "Communiquer avec ses proches",
  "Chercher un emploi en ligne",
};

static const char *const parcours_goals[] = {
  "Faire seule sa déclaration de revenus l’an prochain.",
  "Consulter ses remboursements sur ameli.fr sans aide.",
  "Envoyer un CV avec une pièce jointe.",
  "Appeler ses petits-enfants en visio.",
};

static const char *const workshop_titles[] = {
  "Premiers pas sur ordinateur",
  "Créer et utiliser son adresse e-mail",
  "Déjouer les arnaques en ligne",
  "Mes démarches sur ameli.fr",
  "Le smartphone au quotidien",
  "Visio avec ses proches",
  "Ranger ses fichiers",
  "Scanner un justificatif avec son téléphone",
  "FranceConnect pas à pas",
  "Mots de passe : les bons réflexes",
};

/* The Coop's duration choices, in minutes. */
static const guint durations[] = { 15, 30, 45, 60, 60, 60, 90, 120 };

static const char *const mediator_names[] = {
  "Camille Roussel",
  "Karim Haddad",
  "Élise Fontaine",
  "Thomas N'Diaye",
};

/* ── Helpers ───────────────────────────────────────────────────────────── */

/* Two years of activity: day 0 is two years before the end date. */
#define PERIOD_DAYS 730
/* From this many sessions on, a person counts as a regular. */
#define REGULAR_VISITS 4
/* The progress a person makes levels off after this many sessions. */
#define LEARNING_VISITS 10

typedef struct
{
  gint64 id;
  gint64 mediator_id;
  guint first_day; /* the day the person was registered and came first */
  guint n_visits;
  guint first_visit; /* index of the person's first session in Demo.visits */
  double base;       /* digital autonomy at the first visit, 0–1 */
  double pace;       /* what LEARNING_VISITS sessions add to it */
  gboolean named;
  gboolean regular; /* meant to come often */
} Person;

typedef struct
{
  guint person;
  guint day;
  guint rank; /* 0 for the person's first session */
  gint64 session_id;
} Visit;

typedef struct
{
  SillonStore *store;
  Rng rng;
  GDate end;
  GArray *mediators;     /* gint64 */
  GArray *places;        /* gint64 */
  GArray *beneficiaries; /* gint64 */
  GArray *people;        /* Person, one per beneficiary */
  Visit *visits;         /* every session, grouped by person in date order */
  guint n_visits;
  char dates[PERIOD_DAYS + 1][11]; /* YYYY-MM-DD of each day of the period */
  SillonQuestionnaire *questionnaire;
  SillonOrientationRules *rules;
  GPtrArray *savoir_items; /* const char *, the questionnaire's savoir item ids */
  const SillonVocabularyValue *themes, *admin_themes, *place_types, *equipment, *autonomy,
      *destinations, *levels, *statuses;
  gsize n_themes, n_admin_themes, n_place_types, n_equipment, n_autonomy, n_destinations,
      n_levels, n_statuses;
} Demo;

static char *
random_date (Demo *d, guint days_back_max)
{
  GDate date = d->end;

  g_date_subtract_days (&date, rng_below (&d->rng, days_back_max + 1));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static gint64
date_to_unix (const char *date)
{
  g_autoptr (GDateTime) dt = NULL;
  int y, m, day;

  if (sscanf (date, "%d-%d-%d", &y, &m, &day) != 3)
    return 0;
  dt = g_date_time_new_utc (y, m, day, 12, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static const char *
pick_value (Demo *d, const SillonVocabularyValue *values, gsize n)
{
  return values[rng_below (&d->rng, (guint) n)].api;
}

/* Up to @max distinct values, at least one. */
static GStrv
pick_values (Demo *d, const SillonVocabularyValue *values, gsize n, guint max)
{
  guint count = 1 + rng_below (&d->rng, max);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) chosen = g_ptr_array_new ();

  for (guint i = 0; i < count; i++)
    {
      const char *v = pick_value (d, values, n);

      if (!g_ptr_array_find_with_equal_func (chosen, v, g_str_equal, NULL))
        {
          g_ptr_array_add (chosen, (gpointer) v);
          g_strv_builder_add (builder, v);
        }
    }
  return g_strv_builder_end (builder);
}

static GStrv
pick_strings (Demo *d, const char *const *values, gsize n, guint max)
{
  guint count = 1 + rng_below (&d->rng, max);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint64 taken = 0;

  for (guint i = 0; i < count; i++)
    {
      guint k = rng_below (&d->rng, (guint) n);

      if (!(taken & (G_GUINT64_CONSTANT (1) << k)))
        {
          taken |= G_GUINT64_CONSTANT (1) << k;
          g_strv_builder_add (builder, values[k]);
        }
    }
  return g_strv_builder_end (builder);
}

static char *
ascii_lower (const char *text)
{
  g_autofree char *folded = sillon_store_fold (text);

  g_strdelimit (folded, " ", '-');
  return g_steal_pointer (&folded);
}

static gboolean
load_values (Demo *d, GError **error)
{
  SillonVocabulary *vocabulary = sillon_store_get_vocabulary (d->store);
  g_autoptr (GError) local_error = NULL;

#define LOAD(field, count, name)                                                                     \
  if ((d->field = sillon_vocabulary_get_values (vocabulary, name, &d->count, &local_error)) == NULL) \
  goto fail
  LOAD (themes, n_themes, "Thematique_mediation_numerique");
  LOAD (admin_themes, n_admin_themes, "Thematique_demarches_administratives");
  LOAD (place_types, n_place_types, "TypeLieu");
  LOAD (equipment, n_equipment, "Materiel");
  LOAD (autonomy, n_autonomy, "Autonomie");
  LOAD (destinations, n_destinations, "StructureDeRedirection");
  LOAD (levels, n_levels, "NiveauAtelier");
  LOAD (statuses, n_statuses, "StatutSocial");
#undef LOAD
  return TRUE;

fail:
  g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_VOCABULARY,
               _ ("Could not load the national vocabulary: %s"), local_error->message);
  return FALSE;
}

/* ── Generators ────────────────────────────────────────────────────────── */

/* Assessments go through the same questionnaire, scoring and orientation
 * rules as the ones mediators fill in. */
static gboolean
load_questionnaire (Demo *d, GError **error)
{
  g_autoptr (SillonQuestionnaireRegistry) registry = sillon_questionnaire_registry_new_default ();
  guint n_items;

  d->questionnaire = sillon_questionnaire_registry_get (registry, 1, error);
  if (d->questionnaire == NULL)
    return FALSE;
  d->rules = sillon_orientation_rules_load (registry, 1, error);
  if (d->rules == NULL)
    return FALSE;
  n_items = sillon_questionnaire_get_n_items (d->questionnaire);
  d->savoir_items = g_ptr_array_new ();
  for (guint k = 0; k < n_items; k++)
    {
      const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (d->questionnaire, k);

      /* Sessions name the skills they worked on; pick_strings() keeps
       * them in a 64-bit set. */
      if (sillon_questionnaire_item_get_axis (item) == SILLON_AXIS_SAVOIR && d->savoir_items->len < 64)
        g_ptr_array_add (d->savoir_items, (gpointer) sillon_questionnaire_item_get_id (item));
    }
  return TRUE;
}

static gboolean
add_mediators (Demo *d, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (mediator_names); i++)
    {
      g_autoptr (SillonMediator) m = sillon_mediator_new ();

      m->display_name = g_strdup (mediator_names[i]);
      m->vault_slot = (int) i;
      if (!sillon_store_insert_mediator (d->store, m, error))
        return FALSE;
      g_array_append_val (d->mediators, m->id);
    }
  return TRUE;
}

/* French elides "de" before a vowel or a mute h and contracts it with the
 * article of names like Le Mans: "CCAS d’Épernay", "Médiathèque du Mans". */
static char *
place_name (const PlaceKind *kind, const char *commune)
{
  gsize len = strlen (kind->prefix);
  gunichar decomposed[4];
  gunichar first;

  if (len < 3 || strcmp (kind->prefix + len - 3, "de ") != 0)
    return g_strconcat (kind->prefix, commune, kind->suffix, NULL);
  if (g_str_has_prefix (commune, "Le "))
    return g_strdup_printf ("%.*sdu %s%s", (int) (len - 3), kind->prefix, commune + 3, kind->suffix);
  if (g_str_has_prefix (commune, "Les "))
    return g_strdup_printf ("%.*sdes %s%s", (int) (len - 3), kind->prefix, commune + 4, kind->suffix);
  first = g_unichar_tolower (g_utf8_get_char (commune));
  if (g_unichar_fully_decompose (first, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0 &&
      decomposed[0] < 0x80 && strchr ("aeiouyh", (int) decomposed[0]) != NULL)
    return g_strdup_printf ("%.*sd’%s%s", (int) (len - 3), kind->prefix, commune, kind->suffix);
  return g_strconcat (kind->prefix, commune, kind->suffix, NULL);
}

static gboolean
add_places (Demo *d, guint n, GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SillonPlaceRecord) p = sillon_place_record_new ();
      const Commune *c = i < LOCAL_COMMUNES * 4 ? &communes[i % LOCAL_COMMUNES] : &PICK (&d->rng, communes);
      const PlaceKind *kind = &PICK (&d->rng, place_kinds);
      g_autofree char *id = g_strdup_printf ("demo-%u", i + 1);
      g_autofree char *nom = place_name (kind, c->name);
      g_autofree char *adresse = g_strdup_printf ("%u %s", 1 + rng_below (&d->rng, 120), PICK (&d->rng, streets));
      g_autofree char *phone = g_strdup_printf ("+333%08u", rng_below (&d->rng, 100000000));
      g_autofree char *slug = ascii_lower (c->name);
      g_autofree char *mail = g_strdup_printf ("contact-%u@%s.exemple.fr", i + 1, slug);
      g_autofree char *web = g_strdup_printf ("https://%s.exemple.fr/lieu-%u", slug, i + 1);
      g_autofree char *lat = g_strdup_printf ("%.5f", c->lat + (rng_unit (&d->rng) - 0.5) * 0.04);
      g_autofree char *lon = g_strdup_printf ("%.5f", c->lon + (rng_unit (&d->rng) - 0.5) * 0.04);
      g_autofree char *date_maj = random_date (d, 365);
      const char *typologie[] = { kind->typologie, NULL };
      const char *courriels[] = { mail, NULL };
      const char *site_web[] = { web, NULL };
      const char *itinerance[] = { rng_chance (&d->rng, 0.05) ? "Itinérant" : "Fixe", NULL };
      const char *frais[] = { rng_chance (&d->rng, 0.85) ? "Gratuit" : "Gratuit sous condition", NULL };
      g_auto (GStrv) svc = pick_strings (d, services, G_N_ELEMENTS (services), 4);
      g_auto (GStrv) access = pick_strings (d, access_modes, G_N_ELEMENTS (access_modes), 3);
      g_auto (GStrv) support = pick_strings (d, support_modes, G_N_ELEMENTS (support_modes), 3);

      p->own_structure = i == 0;
      sillon_place_record_set (p, SILLON_PLACE_COL_ID, id);
      sillon_place_record_set (p, SILLON_PLACE_COL_NOM, nom);
      sillon_place_record_set (p, SILLON_PLACE_COL_COMMUNE, c->name);
      sillon_place_record_set (p, SILLON_PLACE_COL_CODE_POSTAL, c->postal);
      sillon_place_record_set (p, SILLON_PLACE_COL_CODE_INSEE, c->insee);
      sillon_place_record_set (p, SILLON_PLACE_COL_ADRESSE, adresse);
      sillon_place_record_set (p, SILLON_PLACE_COL_LATITUDE, lat);
      sillon_place_record_set (p, SILLON_PLACE_COL_LONGITUDE, lon);
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_TYPOLOGIE, typologie);
      sillon_place_record_set (p, SILLON_PLACE_COL_TELEPHONE, phone);
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_COURRIELS, courriels);
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_SITE_WEB, site_web);
      sillon_place_record_set (p, SILLON_PLACE_COL_HORAIRES, PICK (&d->rng, opening_hours));
      sillon_place_record_set (p, SILLON_PLACE_COL_PRESENTATION_RESUME,
                               "Accompagnement gratuit aux usages du numérique et aux démarches en ligne.");
      sillon_place_record_set (p, SILLON_PLACE_COL_SOURCE, "Sillon (démonstration)");
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_ITINERANCE, itinerance);
      sillon_place_record_set (p, SILLON_PLACE_COL_DATE_MAJ, date_maj);
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_SERVICES, (const char *const *) svc);
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_FRAIS_A_CHARGE, frais);
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_MODALITES_ACCES, (const char *const *) access);
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_MODALITES_ACCOMPAGNEMENT, (const char *const *) support);
      /* Real directories hold invalid opening hours: keep a few, flagged. */
      if (rng_chance (&d->rng, 0.03))
        {
          sillon_place_record_set (p, SILLON_PLACE_COL_HORAIRES, "lundi au vendredi 9h-12h");
          sillon_place_record_flag (p, SILLON_PLACE_COL_HORAIRES);
        }
      if (!sillon_store_insert_place (d->store, p, error))
        return FALSE;
      g_array_append_val (d->places, p->id);
    }
  return TRUE;
}

static const char *
status_for_age (Demo *d, int age)
{
  if (rng_chance (&d->rng, 0.1))
    return "non_communique";
  if (age < 20)
    return "scolarise";
  if (age >= 63)
    return "retraite";
  return rng_chance (&d->rng, 0.55) ? "sans_emploi" : "en_emploi";
}

/* Named people are told what is kept about them and why, on their first
 * visit; anonymous ones leave nothing to consent to. */
static gboolean
add_consent (Demo *d, const SillonBeneficiary *b, const char *date, GError **error)
{
  g_autoptr (SillonConsent) c = sillon_consent_new ();

  if (b->first_name == NULL && b->last_name == NULL)
    return TRUE;
  c->beneficiary_id = b->id;
  c->date = g_strdup (date);
  c->told = g_strdup (rng_chance (&d->rng, 0.8)
                          ? "Informée oralement : données gardées pour le suivi, accès, rectification et effacement sur demande."
                          : "Fiche d’information remise et lue ensemble.");
  c->scope = g_strdup ("Suivi de l’accompagnement et statistiques anonymes");
  return sillon_store_insert_consent (d->store, c, error);
}

static gboolean
add_beneficiaries (Demo *d, guint n, GError **error)
{
  int end_year = g_date_get_year (&d->end);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
      gboolean female = rng_chance (&d->rng, 0.56);
      /* Regulars were mostly already coming when the period starts; the
       * others turn up at any time. */
      gboolean regular = rng_chance (&d->rng, 0.4);
      double when = rng_unit (&d->rng);
      guint first_day = (guint) (PERIOD_DAYS * (regular ? when * when : when) + 0.5);
      const char *created = d->dates[first_day];
      const Commune *c = rng_chance (&d->rng, 0.8) ? &communes[rng_below (&d->rng, LOCAL_COMMUNES)] : &PICK (&d->rng, communes);
      Person person = { 0 };
      double u1, u2;
      int age;

      /* The public of digital mediation is older than average. */
      u1 = rng_unit (&d->rng);
      u2 = rng_unit (&d->rng);
      age = 16 + (int) (70 * MAX (u1, u2));
      if (!rng_chance (&d->rng, 0.08))
        {
          b->first_name = g_strdup (female ? PICK (&d->rng, female_names) : PICK (&d->rng, male_names));
          b->last_name = g_strdup (PICK (&d->rng, last_names));
        }
      if (rng_chance (&d->rng, 0.85))
        b->birth_year = MIN (end_year - age, end_year);
      b->gender = g_strdup (rng_chance (&d->rng, 0.06) ? "non_communique" : female ? "feminin"
                                                                                   : "masculin");
      b->social_status = g_strdup (status_for_age (d, age));
      b->commune_insee = g_strdup (c->insee);
      if (rng_chance (&d->rng, 0.6))
        b->phone = g_strdup_printf ("0%u %02u %02u %02u %02u", rng_chance (&d->rng, 0.7) ? 6 : 7,
                                    rng_below (&d->rng, 100), rng_below (&d->rng, 100),
                                    rng_below (&d->rng, 100), rng_below (&d->rng, 100));
      if (b->last_name != NULL && rng_chance (&d->rng, 0.35))
        {
          g_autofree char *first = ascii_lower (b->first_name);
          g_autofree char *last = ascii_lower (b->last_name);

          b->email = g_strdup_printf ("%s.%s%u@exemple.fr", first, last, rng_below (&d->rng, 100));
        }
      b->sheet_language = g_strdup (rng_chance (&d->rng, 0.93) ? "fr" : "en");
      if (rng_chance (&d->rng, 0.15))
        b->notes = g_strdup (PICK (&d->rng, beneficiary_notes));
      b->mediator_id = g_array_index (d->mediators, gint64, rng_below (&d->rng, d->mediators->len));
      b->created_unix = date_to_unix (created);
      b->updated_unix = b->created_unix;
      if (!sillon_store_insert_beneficiary (d->store, b, error) ||
          !add_consent (d, b, created, error))
        return FALSE;
      g_array_append_val (d->beneficiaries, b->id);
      person.id = b->id;
      person.mediator_id = b->mediator_id;
      person.first_day = first_day;
      person.named = b->first_name != NULL || b->last_name != NULL;
      person.regular = regular;
      /* Most people start far from digital tools; some learn fast. */
      person.base = 0.45 * rng_unit (&d->rng);
      person.pace = 0.3 + 0.7 * rng_unit (&d->rng);
      g_array_append_val (d->people, person);

      /* About one person in a hundred was registered twice: a typo in the
       * name, the same phone number. */
      if (b->last_name != NULL && b->phone != NULL && rng_chance (&d->rng, 0.01) && i + 1 < n)
        {
          g_autoptr (SillonBeneficiary) twin = sillon_beneficiary_new ();
          gsize len = strlen (b->last_name);

          twin->first_name = g_strdup (b->first_name);
          twin->last_name = g_strdup (b->last_name);
          if (len > 3 && g_ascii_isalpha (twin->last_name[len - 1]))
            twin->last_name[len - 1] = twin->last_name[len - 1] == 'd' ? 't' : 'd';
          twin->phone = g_strdup (b->phone);
          twin->commune_insee = g_strdup (b->commune_insee);
          twin->created_unix = b->created_unix;
          twin->updated_unix = b->created_unix;
          if (!sillon_store_insert_beneficiary (d->store, twin, error) ||
              !add_consent (d, twin, created, error))
            return FALSE;
          g_array_append_val (d->beneficiaries, twin->id);
          person.id = twin->id;
          person.regular = FALSE;
          g_array_append_val (d->people, person);
          i++;
        }
    }
  return TRUE;
}

static guint
max_visits (const Person *p)
{
  guint days = PERIOD_DAYS + 1 - p->first_day;

  /* Even regulars rarely come more than once a week on average: those
   * registered lately have not had the time to come often. */
  return MAX (MIN (days, 3), days / 7);
}

/* How many sessions each person has, and on which days. Most people come
 * one to three times; regulars come up to a few dozen times. Nobody comes
 * twice on one day, and nobody before being registered. */
static gboolean
plan_visits (Demo *d, guint n, GError **error)
{
  Person *people = (Person *) (gpointer) d->people->data;
  guint n_people = d->people->len;
  guint64 occasional = 0, regular = 0, total = 0, capacity = 0;
  guint index = 0;

  if (n == 0)
    return TRUE;
  for (guint i = 0; i < n_people; i++)
    capacity += max_visits (&people[i]);
  if (capacity < n)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("Too many demo sessions for %u beneficiaries"),
                   n_people);
      return FALSE;
    }

  for (guint i = 0; i < n_people; i++)
    {
      Person *p = &people[i];
      guint room = max_visits (p);

      if (p->regular)
        {
          double u = rng_unit (&d->rng);

          p->n_visits = MIN (REGULAR_VISITS + (guint) (56 * u * u), room);
          if (p->n_visits >= REGULAR_VISITS)
            regular += p->n_visits;
          else
            occasional += p->n_visits;
        }
      else
        {
          guint want = 1 + rng_below (&d->rng, 3);

          p->n_visits = MIN (want, room);
          occasional += p->n_visits;
        }
    }

  /* Scale the regulars' visits to the number of sessions asked for; when
   * even the occasional visitors are too many, scale everyone down. */
  for (guint i = 0; i < n_people; i++)
    {
      Person *p = &people[i];
      guint room = max_visits (p);

      if (n >= occasional && regular > 0 && p->n_visits >= REGULAR_VISITS)
        {
          double scaled = (double) p->n_visits * (double) (n - occasional) / (double) regular;

          p->n_visits = CLAMP ((guint) (scaled + 0.5), MIN (REGULAR_VISITS, room), room);
        }
      else if (n < occasional)
        p->n_visits = (guint) ((double) p->n_visits * n / (occasional + regular) + 0.5);
      total += p->n_visits;
    }
  /* Settle the rounding one visit at a time, preferring the regulars. */
  while (total > n)
    {
      Person *p = &people[rng_below (&d->rng, n_people)];

      if (p->n_visits > 0)
        {
          p->n_visits--;
          total--;
        }
    }
  for (guint misses = 0; total < n;)
    {
      Person *p = &people[rng_below (&d->rng, n_people)];

      if (p->n_visits < max_visits (p) &&
          (p->n_visits >= REGULAR_VISITS || misses > 64))
        {
          p->n_visits++;
          total++;
          misses = 0;
        }
      else
        misses++;
    }

  /* Spread each person's visits over weeks or months from the first one:
   * one day drawn in each of n equal slices of that span. */
  d->visits = g_new0 (Visit, n);
  d->n_visits = n;
  for (guint i = 0; i < n_people; i++)
    {
      Person *p = &people[i];
      guint room = PERIOD_DAYS + 1 - p->first_day;
      guint every = 3 + rng_below (&d->rng, 20);
      guint at_least = 30 + rng_below (&d->rng, 300);
      guint span = MAX (p->n_visits * every, at_least);

      span = MAX (MIN (span, room), p->n_visits);
      p->first_visit = index;
      for (guint k = 0; k < p->n_visits; k++)
        {
          guint from = (guint) ((guint64) span * k / p->n_visits);
          guint to = (guint) ((guint64) span * (k + 1) / p->n_visits);
          Visit *v = &d->visits[index++];

          v->person = i;
          v->rank = k;
          v->day = p->first_day + (k == 0 ? 0 : from + rng_below (&d->rng, to - from));
        }
    }
  g_assert (index == n);
  return TRUE;
}

/* The autonomy a person shows at a session: it grows with the sessions
 * they had, at their own pace, with ups and downs. */
static double
progress (const Person *p, guint rank)
{
  return p->base + p->pace * MIN (rank, LEARNING_VISITS) / (double) LEARNING_VISITS;
}

static gboolean
add_referral (Demo *d, const SillonSession *s, const Person *p, const Visit *v, GError **error)
{
  g_autoptr (SillonReferral) r = sillon_referral_new ();

  r->beneficiary_id = s->beneficiary_id;
  r->session_id = s->id;
  r->mediator_id = s->mediator_id;
  r->date = g_strdup (s->date);
  r->destination = g_strdup (s->referral_destination);
  r->reason = g_strdup (PICK (&d->rng, referral_reasons));
  if (rng_chance (&d->rng, 0.5))
    r->documents = g_strdup (PICK (&d->rng, referral_documents));
  if (d->places->len > 0 && rng_chance (&d->rng, 0.4))
    r->place_id = g_array_index (d->places, gint64, rng_below (&d->rng, d->places->len));
  r->consent_to_share = p->named && rng_chance (&d->rng, 0.7);
  /* Whether the person went is only known weeks later, if ever. */
  if (PERIOD_DAYS - v->day < 30)
    r->status = SILLON_REFERRAL_ISSUED;
  else
    {
      double u = rng_unit (&d->rng);

      r->status = u < 0.55 ? SILLON_REFERRAL_HONOURED : u < 0.85 ? SILLON_REFERRAL_UNKNOWN
                                                                 : SILLON_REFERRAL_ISSUED;
    }
  return sillon_store_insert_referral (d->store, r, error);
}

static gboolean
add_sessions (Demo *d, GError **error)
{
  const char *admin_theme = "aide_aux_demarches_administratives";
  g_autofree guint *order = g_new (guint, d->n_visits);
  guint per_day[PERIOD_DAYS + 2] = { 0 };

  /* Sessions are logged day after day, as they happen. */
  for (guint i = 0; i < d->n_visits; i++)
    per_day[d->visits[i].day + 1]++;
  for (guint day = 1; day <= PERIOD_DAYS + 1; day++)
    per_day[day] += per_day[day - 1];
  for (guint i = 0; i < d->n_visits; i++)
    order[per_day[d->visits[i].day]++] = i;

  for (guint i = 0; i < d->n_visits; i++)
    {
      Visit *v = &d->visits[order[i]];
      const Person *p = &g_array_index (d->people, Person, v->person);
      g_autoptr (SillonSession) s = sillon_session_new ();
      gboolean admin = rng_chance (&d->rng, 0.4);

      s->beneficiary_id = p->id;
      s->mediator_id = rng_chance (&d->rng, 0.8) ? p->mediator_id : g_array_index (d->mediators, gint64, rng_below (&d->rng, d->mediators->len));
      s->date = g_strdup (d->dates[v->day]);
      s->duration_minutes = PICK (&d->rng, durations);
      s->place_type = g_strdup (rng_chance (&d->rng, 0.8) ? "lieu_activite" : pick_value (d, d->place_types, d->n_place_types));
      if (g_strcmp0 (s->place_type, "lieu_activite") == 0 && d->places->len > 0)
        s->place_id = g_array_index (d->places, gint64, rng_below (&d->rng, MIN (d->places->len, 5)));
      s->equipment = pick_values (d, d->equipment, d->n_equipment, 2);
      if (admin)
        {
          const char *themes[] = { admin_theme, NULL, NULL };

          if (rng_chance (&d->rng, 0.3))
            themes[1] = pick_value (d, d->themes, d->n_themes);
          if (g_strcmp0 (themes[1], admin_theme) == 0)
            themes[1] = NULL;
          s->themes = g_strdupv ((char **) themes);
          s->admin_themes = pick_values (d, d->admin_themes, d->n_admin_themes, 2);
          if (rng_chance (&d->rng, 0.5))
            s->admin_detail = g_strdup (PICK (&d->rng, procedures));
        }
      else
        {
          g_auto (GStrv) themes = pick_values (d, d->themes, d->n_themes, 3);
          g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

          for (gsize k = 0; themes[k] != NULL; k++)
            if (strcmp (themes[k], admin_theme) != 0)
              g_strv_builder_add (builder, themes[k]);
          s->themes = g_strv_builder_end (builder);
          if (s->themes[0] == NULL)
            {
              g_strfreev (s->themes);
              s->themes = g_strdupv ((char *[]){ (char *) "navigation_sur_internet", NULL });
            }
        }
      if (rng_chance (&d->rng, 0.85))
        {
          /* The vocabulary lists the degrees from guided to autonomous. */
          double x = progress (p, v->rank) + (rng_unit (&d->rng) - 0.5) * 0.5;
          guint level = x < 0.4 ? 0 : x < 0.75 ? 1
                                               : 2;

          level = MIN (level, (guint) d->n_autonomy - 1);
          s->autonomy = g_strdup (d->autonomy[level].api);
          s->help_mode = rng_chance (&d->rng, 0.7) ? (SillonHelpMode) (SILLON_HELP_MODE_FAIRE_POUR + MIN (level, 2))
                                                   : (SillonHelpMode) (1 + rng_below (&d->rng, 3));
        }
      else
        s->help_mode = 1 + rng_below (&d->rng, 3);
      if (d->savoir_items->len > 0 && rng_chance (&d->rng, 0.3))
        s->skills = pick_strings (d, (const char *const *) d->savoir_items->pdata, d->savoir_items->len, 2);
      /* Administrative procedures are the usual reason to send someone on. */
      s->referred = rng_chance (&d->rng, admin ? 0.16 : 0.06);
      if (s->referred)
        s->referral_destination = g_strdup (pick_value (d, d->destinations, d->n_destinations));
      if (rng_chance (&d->rng, 0.05))
        s->notes = g_strdup (PICK (&d->rng, session_notes));
      if (!sillon_store_insert_session (d->store, s, error))
        return FALSE;
      v->session_id = s->id;
      if (s->referred && !add_referral (d, s, p, v, error))
        return FALSE;
    }
  return TRUE;
}

/* The answer an item gets: @level (0–1) of the way from its first choice
 * to its last. */
static guint
choice_at (const SillonQuestionnaireItem *item, double level)
{
  guint n = sillon_questionnaire_item_get_n_choices (item);
  int index = (int) (level * (n - 1) + 0.5);

  return sillon_questionnaire_item_get_choice_value (item, (guint) CLAMP (index, 0, (int) n - 1));
}

/* Regulars are assessed at their first session, and often again later:
 * their skills (savoir) follow the progress their sessions show, while
 * their means (pouvoir) and motivation (vouloir) mostly stay the same. */
static gboolean
add_assessments (Demo *d, const Person *p, GError **error)
{
  guint n_items = sillon_questionnaire_get_n_items (d->questionnaire);
  guint want = 1 + rng_below (&d->rng, 3);
  guint n_assessments = MIN (want, p->n_visits);
  g_autofree double *start = g_new (double, n_items);

  for (guint k = 0; k < n_items; k++)
    start[k] = rng_unit (&d->rng);

  for (guint a = 0; a < n_assessments; a++)
    {
      guint rank = a == 0 ? 0 : a == n_assessments - 1 ? p->n_visits - 1
                                                       : p->n_visits / 2;
      const Visit *v = &d->visits[p->first_visit + rank];
      g_autoptr (SillonAssessment) assessment = sillon_assessment_new (d->questionnaire);
      g_autoptr (SillonAssessmentResult) result = NULL;
      g_autoptr (SillonAssessmentRecord) record = sillon_assessment_record_new ();
      g_autoptr (JsonNode) answers = NULL;
      g_autoptr (JsonNode) result_json = NULL;
      /* Some days go worse than others. */
      double mood = (rng_unit (&d->rng) - 0.5) * 0.3;

      if (!sillon_assessment_set_date (assessment, d->dates[v->day], error))
        return FALSE;
      for (guint k = 0; k < n_items; k++)
        {
          const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (d->questionnaire, k);
          const char *id = sillon_questionnaire_item_get_id (item);
          double level;

          if (sillon_questionnaire_item_get_n_choices (item) == 0)
            continue;
          if (rng_chance (&d->rng, 0.04))
            {
              if (!sillon_assessment_skip (assessment, id, error))
                return FALSE;
              continue;
            }
          if (sillon_questionnaire_item_get_axis (item) == SILLON_AXIS_SAVOIR)
            level = progress (p, rank) + mood + (start[k] - 0.5) * 0.6 + (rng_unit (&d->rng) - 0.5) * 0.2;
          else
            level = start[k] + (a > 0 && rng_chance (&d->rng, 0.15) ? 0.34 : 0.0);
          if (!sillon_assessment_set_answer (assessment, id, choice_at (item, CLAMP (level, 0.0, 1.0)), error))
            return FALSE;
        }
      result = sillon_assessment_evaluate (assessment, d->rules, error);
      if (result == NULL)
        return FALSE;
      answers = sillon_assessment_to_json (assessment);
      result_json = sillon_assessment_result_to_json (result);
      record->beneficiary_id = p->id;
      record->mediator_id = p->mediator_id;
      record->date = g_strdup (d->dates[v->day]);
      record->questionnaire_id = g_strdup ("pouvoir-vouloir-savoir");
      record->questionnaire_version = (int) sillon_questionnaire_get_version (d->questionnaire);
      record->answers_json = json_to_string (answers, FALSE);
      record->result_json = json_to_string (result_json, FALSE);
      if (!sillon_store_insert_assessment (d->store, record, error))
        return FALSE;
    }
  return TRUE;
}

/* A few regulars follow a parcours: the sessions they already had, and
 * for those still coming, the next one planned. */
static gboolean
add_parcours (Demo *d, const Person *p, GError **error)
{
  g_autoptr (SillonParcours) parcours = sillon_parcours_new ();
  guint want = 3 + rng_below (&d->rng, 3);
  guint n_steps = MIN (p->n_visits - 1, want);
  const Visit *last = NULL;

  parcours->beneficiary_id = p->id;
  parcours->title = g_strdup (PICK (&d->rng, parcours_titles));
  parcours->goal = g_strdup (PICK (&d->rng, parcours_goals));
  parcours->created_unix = date_to_unix (d->dates[d->visits[p->first_visit].day]);
  for (guint k = 0; k < n_steps; k++)
    {
      SillonParcoursItem *item = sillon_parcours_item_new ();

      last = &d->visits[p->first_visit + 1 + k];
      item->position = k;
      item->planned_date = g_strdup (d->dates[last->day]);
      item->label = g_strdup (PICK (&d->rng, workshop_titles));
      item->session_id = last->session_id;
      item->done = TRUE;
      g_ptr_array_add (parcours->items, item);
    }
  if (last != NULL && PERIOD_DAYS - last->day < 60)
    {
      SillonParcoursItem *item = sillon_parcours_item_new ();
      GDate next = d->end;

      g_date_add_days (&next, 7 + rng_below (&d->rng, 21));
      item->position = n_steps;
      item->planned_date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&next),
                                            g_date_get_month (&next), g_date_get_day (&next));
      item->label = g_strdup (PICK (&d->rng, workshop_titles));
      g_ptr_array_add (parcours->items, item);
    }
  return sillon_store_insert_parcours (d->store, parcours, error);
}

static gboolean
add_follow_up (Demo *d, GError **error)
{
  for (guint i = 0; i < d->people->len; i++)
    {
      const Person *p = &g_array_index (d->people, Person, i);

      if (p->n_visits < REGULAR_VISITS)
        continue;
      if (!add_assessments (d, p, error))
        return FALSE;
      if (p->n_visits > REGULAR_VISITS + 1 && rng_chance (&d->rng, 0.2) && !add_parcours (d, p, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_workshops (Demo *d, guint n, GError **error)
{
  static const struct
  {
    SillonAnonCount first, last;
  } dimensions[] = {
    { SILLON_ANON_GENRE_FEMININ, SILLON_ANON_GENRE_NON_COMMUNIQUE },
    { SILLON_ANON_AGE_MOINS_DE_DOUZE, SILLON_ANON_AGE_NON_COMMUNIQUE },
    { SILLON_ANON_STATUT_SCOLARISE, SILLON_ANON_STATUT_NON_COMMUNIQUE },
  };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SillonWorkshop) w = sillon_workshop_new ();
      guint named = d->beneficiaries->len > 0 ? 2 + rng_below (&d->rng, 9) : 0;
      guint anonymous = rng_below (&d->rng, 7);

      w->mediator_id = g_array_index (d->mediators, gint64, rng_below (&d->rng, d->mediators->len));
      w->title = g_strdup (PICK (&d->rng, workshop_titles));
      w->level = g_strdup (pick_value (d, d->levels, d->n_levels));
      w->themes = g_strdupv ((char *[]){ (char *) pick_value (d, d->themes, d->n_themes), NULL });
      w->date = random_date (d, 730);
      w->duration_minutes = rng_chance (&d->rng, 0.5) ? 120 : 90;
      w->place_type = g_strdup ("lieu_activite");
      if (d->places->len > 0)
        w->place_id = g_array_index (d->places, gint64, rng_below (&d->rng, MIN (d->places->len, 5)));
      w->equipment = pick_values (d, d->equipment, d->n_equipment, 2);
      for (guint k = 0; k < named; k++)
        {
          gint64 id = g_array_index (d->beneficiaries, gint64, rng_below (&d->rng, d->beneficiaries->len));
          gboolean dup = FALSE;

          for (guint j = 0; j < w->attendees->len && !dup; j++)
            dup = g_array_index (w->attendees, gint64, j) == id;
          if (!dup)
            g_array_append_val (w->attendees, id);
        }
      /* Split the anonymous participants over each dimension, leaving
       * some undeclared as people often do. */
      w->anon[SILLON_ANON_TOTAL] = anonymous;
      w->anon[SILLON_ANON_DEJA_ACCOMPAGNE] = anonymous > 0 ? rng_below (&d->rng, anonymous + 1) : 0;
      for (gsize k = 0; k < G_N_ELEMENTS (dimensions); k++)
        {
          guint left = rng_below (&d->rng, anonymous + 1);
          guint width = dimensions[k].last - dimensions[k].first + 1;

          while (left > 0)
            {
              w->anon[dimensions[k].first + rng_below (&d->rng, width)]++;
              left--;
            }
        }
      if (!sillon_store_insert_workshop (d->store, w, error))
        return FALSE;
    }
  return TRUE;
}

void
sillon_demo_options_init (SillonDemoOptions *options)
{
  memset (options, 0, sizeof *options);
  options->seed = 1;
  options->beneficiaries = SILLON_DEMO_DEFAULT_BENEFICIARIES;
  options->sessions = SILLON_DEMO_DEFAULT_SESSIONS;
  options->workshops = SILLON_DEMO_DEFAULT_WORKSHOPS;
  options->places = SILLON_DEMO_DEFAULT_PLACES;
}

gboolean
sillon_demo_generate (SillonStore *store, const SillonDemoOptions *options, GError **error)
{
  Demo d = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if ((options->sessions > 0 || options->workshops > 0) && options->beneficiaries == 0)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("Demo sessions and workshops need at least one beneficiary"));
      return FALSE;
    }

  d.store = store;
  rng_seed (&d.rng, options->seed);
  if (options->end_date != NULL)
    {
      int y, m, day;

      if (sscanf (options->end_date, "%d-%d-%d", &y, &m, &day) != 3 || y < 1902 ||
          !g_date_valid_dmy (day, m, y))
        {
          g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                       _ ("“%s” is not a valid date for the field “%s”"), options->end_date, "end_date");
          return FALSE;
        }
      g_date_set_dmy (&d.end, day, m, y);
    }
  else
    {
      g_date_clear (&d.end, 1);
      g_date_set_time_t (&d.end, time (NULL));
    }
  for (guint day = 0; day <= PERIOD_DAYS; day++)
    {
      GDate date = d.end;

      g_date_subtract_days (&date, PERIOD_DAYS - day);
      g_snprintf (d.dates[day], sizeof d.dates[day], "%04d-%02d-%02d", g_date_get_year (&date),
                  g_date_get_month (&date), g_date_get_day (&date));
    }

  d.mediators = g_array_new (FALSE, FALSE, sizeof (gint64));
  d.places = g_array_new (FALSE, FALSE, sizeof (gint64));
  d.beneficiaries = g_array_sized_new (FALSE, FALSE, sizeof (gint64), options->beneficiaries);
  d.people = g_array_sized_new (FALSE, FALSE, sizeof (Person), options->beneficiaries);

  if (!load_values (&d, error) || !load_questionnaire (&d, error))
    goto out;
  {
    g_autoptr (SillonStoreTransaction) tx = sillon_store_transaction_begin (store, error);

    ok = tx != NULL &&
         add_mediators (&d, error) &&
         add_places (&d, options->places, error) &&
         add_beneficiaries (&d, options->beneficiaries, error) &&
         plan_visits (&d, options->sessions, error) &&
         add_sessions (&d, error) &&
         add_follow_up (&d, error) &&
         add_workshops (&d, options->workshops, error) &&
         sillon_store_transaction_commit (tx, error);
  }

out:
  g_array_unref (d.mediators);
  g_array_unref (d.places);
  g_array_unref (d.beneficiaries);
  g_array_unref (d.people);
  g_free (d.visits);
  g_clear_pointer (&d.savoir_items, g_ptr_array_unref);
  g_clear_object (&d.rules);
  g_clear_object (&d.questionnaire);
  return ok;
}
