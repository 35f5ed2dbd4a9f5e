/* sillon-sheet-labels.c — the words of the vocabularies, as a person reads them on a sheet
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-sheet-labels.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sillon-data.h"

typedef struct
{
  const char *key;
  const char *context;
  const char *msgid;
} Label;

#define THEME(api, text)                        \
  {                                             \
    api, "coop theme", NC_ ("coop theme", text) \
  }
static const Label themes[] = {
  THEME ("diagnostic_numerique", "Digital skills check"),
  THEME ("prendre_en_main_du_materiel", "Getting to grips with a device"),
  THEME ("maintenance_de_materiel", "Looking after a device"),
  THEME ("gere_ses_contenus_numeriques", "Managing one’s files and content"),
  THEME ("navigation_sur_internet", "Using the internet"),
  THEME ("email", "Email"),
  THEME ("bureautique", "Office software"),
  THEME ("reseaux_sociaux", "Social media and communication"),
  THEME ("sante", "Health"),
  THEME ("banque_et_achats_en_ligne", "Online banking and shopping"),
  THEME ("entrepreneuriat", "Help for a professional"),
  THEME ("insertion_professionnelle", "Finding work"),
  THEME ("securite_numerique", "Staying safe online"),
  THEME ("parentalite", "Parenting"),
  THEME ("scolarite_et_numerique", "School and digital"),
  THEME ("creer_avec_le_numerique", "Creating with digital tools"),
  THEME ("culture_numerique", "Digital culture"),
  THEME ("intelligence_artificielle", "Artificial intelligence (AI)"),
  THEME ("aide_aux_demarches_administratives", "Help with administrative procedures"),
};

#define SKILL(id, text)              \
  {                                  \
    id, "skill", NC_ ("skill", text) \
  }
static const Label skills[] = {
  SKILL ("savoir.device.handling", "Using a computer or a smartphone"),
  SKILL ("savoir.web.search", "Finding information on the internet"),
  SKILL ("savoir.email.send", "Reading and sending emails"),
  SKILL ("savoir.email.attachments", "Sending and opening attachments"),
  SKILL ("savoir.documents.scan", "Photographing or scanning a document"),
  SKILL ("savoir.documents.files", "Finding a saved file"),
  SKILL ("savoir.documents.pdf", "Opening, saving and sending a PDF"),
  SKILL ("savoir.procedures.login", "Logging in to online accounts"),
  SKILL ("savoir.procedures.form", "Filling in an online form"),
  SKILL ("savoir.procedures.follow", "Following a file on a website"),
  SKILL ("savoir.security.passwords", "Choosing and keeping passwords"),
  SKILL ("savoir.security.phishing", "Spotting fake messages and websites"),
  SKILL ("savoir.security.personal_data", "Protecting personal information"),
  SKILL ("savoir.communication.sms", "Reading and sending text messages"),
  SKILL ("savoir.communication.video", "Making a video call"),
  SKILL ("savoir.apps.smartphone", "Installing and using apps"),
};

/* The places' standard writes these values in French. */
#define ACCESS(value, text)                           \
  {                                                   \
    value, "place access", NC_ ("place access", text) \
  }
static const Label accesses[] = {
  ACCESS ("Se présenter", "Go there during opening hours"),
  ACCESS ("Téléphoner", "Call them"),
  ACCESS ("Contacter par mail", "Write them an email"),
  ACCESS ("Prendre un RDV en ligne", "Book an appointment online"),
  ACCESS ("Ce lieu n'accueille pas de public", "This place does not receive visitors"),
  ACCESS ("Envoyer un mail avec une fiche de prescription", "Your mediator sends them an email with a referral form"),
};

#define COST(value, text)                         \
  {                                               \
    value, "place cost", NC_ ("place cost", text) \
  }
static const Label costs[] = {
  COST ("Gratuit", "Free"),
  COST ("Gratuit sous condition", "Free under conditions"),
  COST ("Payant", "Paid"),
};

#define MEMBER(key, text)                             \
  {                                                   \
    key, "export member", NC_ ("export member", text) \
  }
static const Label members[] = {
  MEMBER ("beneficiary", "Your details"),
  MEMBER ("consents", "What you agreed to"),
  MEMBER ("assessments", "Assessments"),
  MEMBER ("sessions", "Sessions"),
  MEMBER ("workshops", "Workshops"),
  MEMBER ("parcours", "Planned journeys"),
  MEMBER ("referrals", "Referrals"),
  MEMBER ("items", "Steps"),
  MEMBER ("id", "Number"),
  MEMBER ("first_name", "First name"),
  MEMBER ("last_name", "Last name"),
  MEMBER ("birth_year", "Year of birth"),
  MEMBER ("age_bracket", "Age bracket"),
  MEMBER ("gender", "Gender"),
  MEMBER ("social_status", "Situation"),
  MEMBER ("commune_insee", "Commune (official code)"),
  MEMBER ("phone", "Phone"),
  MEMBER ("email", "Email"),
  MEMBER ("sheet_language", "Language of the sheets"),
  MEMBER ("notes", "Notes"),
  MEMBER ("mediator", "Mediator"),
  MEMBER ("display_name", "Name"),
  MEMBER ("anonymised", "Anonymised"),
  MEMBER ("created_at", "Created"),
  MEMBER ("updated_at", "Last changed"),
  MEMBER ("date", "Date"),
  MEMBER ("told", "What you were told"),
  MEMBER ("scope", "What you agreed to"),
  MEMBER ("questionnaire_id", "Questionnaire"),
  MEMBER ("questionnaire_version", "Questionnaire version"),
  MEMBER ("answers", "Answers"),
  MEMBER ("result", "Result"),
  MEMBER ("override", "Changed by the mediator"),
  MEMBER ("override_reason", "Why it was changed"),
  MEMBER ("duration_minutes", "Duration (minutes)"),
  MEMBER ("place_type", "Where"),
  MEMBER ("place", "Place"),
  MEMBER ("equipment", "Equipment"),
  MEMBER ("themes", "Themes"),
  MEMBER ("administrative_themes", "Administrative procedures"),
  MEMBER ("administrative_procedure", "The procedure"),
  MEMBER ("autonomy", "Autonomy reached"),
  MEMBER ("help_mode", "How you were helped"),
  MEMBER ("skills", "Skills worked on"),
  MEMBER ("referred", "Referred elsewhere"),
  MEMBER ("referral_destination", "Referred to"),
  MEMBER ("title", "Title"),
  MEMBER ("level", "Level"),
  MEMBER ("goal", "Goal"),
  MEMBER ("position", "Step"),
  MEMBER ("planned_date", "Planned for"),
  MEMBER ("label", "What"),
  MEMBER ("done", "Done"),
  MEMBER ("workshop_id", "Workshop number"),
  MEMBER ("session_id", "Session number"),
  MEMBER ("destination", "Destination"),
  MEMBER ("reason", "Why"),
  MEMBER ("already_done", "Already done"),
  MEMBER ("documents", "Documents to bring"),
  MEMBER ("consent_to_share", "Agreed to share"),
  MEMBER ("status", "Status"),
  MEMBER ("sheet_fingerprint", "Code of the printed sheet"),
  MEMBER ("nom", "Name"),
  MEMBER ("adresse", "Address"),
  MEMBER ("code_postal", "Postcode"),
  MEMBER ("commune", "Commune"),
  MEMBER ("telephone", "Phone"),
  MEMBER ("exported_at", "Made on"),
};

static const char *
lookup (SillonSheetLanguage *language, const Label *table, gsize n, const char *key)
{
  if (key == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].key, key))
      return sillon_sheet_language_pgettext (language, table[i].context, table[i].msgid);
  return NULL;
}

const char *
sillon_sheet_label_theme (SillonSheetLanguage *language, const char *api)
{
  return lookup (language, themes, G_N_ELEMENTS (themes), api);
}

const char *
sillon_sheet_label_skill (SillonSheetLanguage *language, const char *item_id)
{
  return lookup (language, skills, G_N_ELEMENTS (skills), item_id);
}

const char *
sillon_sheet_label_access (SillonSheetLanguage *language, const char *value)
{
  return lookup (language, accesses, G_N_ELEMENTS (accesses), value);
}

const char *
sillon_sheet_label_cost (SillonSheetLanguage *language, const char *value)
{
  return lookup (language, costs, G_N_ELEMENTS (costs), value);
}

const char *
sillon_sheet_label_export_member (SillonSheetLanguage *language, const char *member)
{
  return lookup (language, members, G_N_ELEMENTS (members), member);
}

/* The same msgids as sillon-assessment.c and sillon-questionnaire.c, so
 * that they share one translation. */
const char *
sillon_sheet_label_degree (SillonSheetLanguage *language, SillonDegree degree)
{
  static const char *const names[] = {
    N_ ("Not determined"),
    N_ ("Very far from digital"),
    N_ ("Far from digital"),
    N_ ("Making progress"),
    N_ ("Autonomous"),
  };

  if ((guint) degree >= G_N_ELEMENTS (names))
    return NULL;
  return sillon_sheet_language_gettext (language, names[degree]);
}

const char *
sillon_sheet_label_axis (SillonSheetLanguage *language, SillonAxis axis)
{
  static const char *const names[] = {
    N_ ("Can (access)"),
    N_ ("Wants (motivation)"),
    N_ ("Knows (skills)"),
  };

  if ((guint) axis >= G_N_ELEMENTS (names))
    return NULL;
  return sillon_sheet_language_gettext (language, names[axis]);
}

const char *
sillon_sheet_label_area (SillonSheetLanguage *language, SillonArea area)
{
  static const char *const names[] = {
    NULL,
    N_ ("Information and data"),
    N_ ("Communication and collaboration"),
    N_ ("Content creation"),
    N_ ("Protection and security"),
    N_ ("Digital environment"),
  };

  if ((guint) area >= G_N_ELEMENTS (names) || names[area] == NULL)
    return NULL;
  return sillon_sheet_language_gettext (language, names[area]);
}

/* id → English label of each orientation-rules-vN.json, read once. */
static GHashTable *
orientation_labels (guint version)
{
  static GMutex lock;
  static GHashTable *by_version;
  GHashTable *labels;

  g_mutex_lock (&lock);
  if (by_version == NULL)
    by_version = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  labels = g_hash_table_lookup (by_version, GUINT_TO_POINTER (version));
  if (labels == NULL)
    {
      g_autofree char *name = g_strdup_printf ("orientation-rules-v%u.json", version);
      g_autoptr (GBytes) bytes = sillon_data_load (name, NULL);
      g_autoptr (JsonParser) parser = json_parser_new ();

      labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (bytes != NULL &&
          json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *root = json_node_get_object (json_parser_get_root (parser));
          JsonNode *list = json_object_get_member (root, "orientations");

          for (guint i = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list) && i < json_array_get_length (json_node_get_array (list)); i++)
            {
              JsonNode *node = json_array_get_element (json_node_get_array (list), i);
              const char *id, *label;

              if (!JSON_NODE_HOLDS_OBJECT (node))
                continue;
              id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
              label = json_object_get_string_member_with_default (json_node_get_object (node), "_label", NULL);
              if (id != NULL && label != NULL)
                g_hash_table_replace (labels, g_strdup (id), g_strdup (label));
            }
        }
      g_hash_table_insert (by_version, GUINT_TO_POINTER (version), labels);
    }
  g_mutex_unlock (&lock);
  return labels;
}

const char *
sillon_sheet_label_orientation (SillonSheetLanguage *language,
                                SillonOrientationRules *rules,
                                const char *id)
{
  const char *english = g_hash_table_lookup (orientation_labels (sillon_orientation_rules_get_version (rules)), id);

  return english != NULL ? sillon_sheet_language_gettext (language, english) : NULL;
}
