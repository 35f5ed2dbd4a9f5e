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
  const char *msgid; /* in the context named by the table's lookup */
} Label;

static const Label themes[] = {
  { "diagnostic_numerique", NC_ ("coop theme", "Digital skills check") },
  { "prendre_en_main_du_materiel", NC_ ("coop theme", "Getting to grips with a device") },
  { "maintenance_de_materiel", NC_ ("coop theme", "Looking after a device") },
  { "gere_ses_contenus_numeriques", NC_ ("coop theme", "Managing one’s files and content") },
  { "navigation_sur_internet", NC_ ("coop theme", "Using the internet") },
  { "email", NC_ ("coop theme", "Email") },
  { "bureautique", NC_ ("coop theme", "Office software") },
  { "reseaux_sociaux", NC_ ("coop theme", "Social media and communication") },
  { "sante", NC_ ("coop theme", "Health") },
  { "banque_et_achats_en_ligne", NC_ ("coop theme", "Online banking and shopping") },
  { "entrepreneuriat", NC_ ("coop theme", "Help for a professional") },
  { "insertion_professionnelle", NC_ ("coop theme", "Finding work") },
  { "securite_numerique", NC_ ("coop theme", "Staying safe online") },
  { "parentalite", NC_ ("coop theme", "Parenting") },
  { "scolarite_et_numerique", NC_ ("coop theme", "School and digital") },
  { "creer_avec_le_numerique", NC_ ("coop theme", "Creating with digital tools") },
  { "culture_numerique", NC_ ("coop theme", "Digital culture") },
  { "intelligence_artificielle", NC_ ("coop theme", "Artificial intelligence (AI)") },
  { "aide_aux_demarches_administratives", NC_ ("coop theme", "Help with administrative procedures") },
};

static const Label skills[] = {
  { "savoir.device.handling", NC_ ("skill", "Using a computer or a smartphone") },
  { "savoir.web.search", NC_ ("skill", "Finding information on the internet") },
  { "savoir.email.send", NC_ ("skill", "Reading and sending emails") },
  { "savoir.email.attachments", NC_ ("skill", "Sending and opening attachments") },
  { "savoir.documents.scan", NC_ ("skill", "Photographing or scanning a document") },
  { "savoir.documents.files", NC_ ("skill", "Finding a saved file") },
  { "savoir.documents.pdf", NC_ ("skill", "Opening, saving and sending a PDF") },
  { "savoir.procedures.login", NC_ ("skill", "Logging in to online accounts") },
  { "savoir.procedures.form", NC_ ("skill", "Filling in an online form") },
  { "savoir.procedures.follow", NC_ ("skill", "Following a file on a website") },
  { "savoir.security.passwords", NC_ ("skill", "Choosing and keeping passwords") },
  { "savoir.security.phishing", NC_ ("skill", "Spotting fake messages and websites") },
  { "savoir.security.personal_data", NC_ ("skill", "Protecting personal information") },
  { "savoir.communication.sms", NC_ ("skill", "Reading and sending text messages") },
  { "savoir.communication.video", NC_ ("skill", "Making a video call") },
  { "savoir.apps.smartphone", NC_ ("skill", "Installing and using apps") },
};

/* The places' standard writes these values in French. */
static const Label accesses[] = {
  { "Se présenter", NC_ ("place access", "Go there during opening hours") },
  { "Téléphoner", NC_ ("place access", "Call them") },
  { "Contacter par mail", NC_ ("place access", "Write them an email") },
  { "Prendre un RDV en ligne", NC_ ("place access", "Book an appointment online") },
  { "Ce lieu n'accueille pas de public", NC_ ("place access", "This place does not receive visitors") },
  { "Envoyer un mail avec une fiche de prescription", NC_ ("place access", "Your mediator sends them an email with a referral form") },
};

static const Label costs[] = {
  { "Gratuit", NC_ ("place cost", "Free") },
  { "Gratuit sous condition", NC_ ("place cost", "Free under conditions") },
  { "Payant", NC_ ("place cost", "Paid") },
};

static const Label members[] = {
  { "beneficiary", NC_ ("export member", "Your details") },
  { "consents", NC_ ("export member", "What you agreed to") },
  { "assessments", NC_ ("export member", "Assessments") },
  { "sessions", NC_ ("export member", "Sessions") },
  { "workshops", NC_ ("export member", "Workshops") },
  { "parcours", NC_ ("export member", "Planned journeys") },
  { "referrals", NC_ ("export member", "Referrals") },
  { "items", NC_ ("export member", "Steps") },
  { "id", NC_ ("export member", "Number") },
  { "first_name", NC_ ("export member", "First name") },
  { "last_name", NC_ ("export member", "Last name") },
  { "birth_year", NC_ ("export member", "Year of birth") },
  { "age_bracket", NC_ ("export member", "Age bracket") },
  { "gender", NC_ ("export member", "Gender") },
  { "social_status", NC_ ("export member", "Situation") },
  { "commune_insee", NC_ ("export member", "Commune (official code)") },
  { "phone", NC_ ("export member", "Phone") },
  { "email", NC_ ("export member", "Email") },
  { "sheet_language", NC_ ("export member", "Language of the sheets") },
  { "notes", NC_ ("export member", "Notes") },
  { "mediator", NC_ ("export member", "Mediator") },
  { "display_name", NC_ ("export member", "Name") },
  { "anonymised", NC_ ("export member", "Anonymised") },
  { "created_at", NC_ ("export member", "Created") },
  { "updated_at", NC_ ("export member", "Last changed") },
  { "date", NC_ ("export member", "Date") },
  { "told", NC_ ("export member", "What you were told") },
  { "scope", NC_ ("export member", "What you agreed to") },
  { "questionnaire_id", NC_ ("export member", "Questionnaire") },
  { "questionnaire_version", NC_ ("export member", "Questionnaire version") },
  { "answers", NC_ ("export member", "Answers") },
  { "result", NC_ ("export member", "Result") },
  { "override", NC_ ("export member", "Changed by the mediator") },
  { "override_reason", NC_ ("export member", "Why it was changed") },
  { "duration_minutes", NC_ ("export member", "Duration (minutes)") },
  { "place_type", NC_ ("export member", "Where") },
  { "place", NC_ ("export member", "Place") },
  { "equipment", NC_ ("export member", "Equipment") },
  { "themes", NC_ ("export member", "Themes") },
  { "administrative_themes", NC_ ("export member", "Administrative procedures") },
  { "administrative_procedure", NC_ ("export member", "The procedure") },
  { "autonomy", NC_ ("export member", "Autonomy reached") },
  { "help_mode", NC_ ("export member", "How you were helped") },
  { "skills", NC_ ("export member", "Skills worked on") },
  { "referred", NC_ ("export member", "Referred elsewhere") },
  { "referral_destination", NC_ ("export member", "Referred to") },
  { "title", NC_ ("export member", "Title") },
  { "level", NC_ ("export member", "Level") },
  { "goal", NC_ ("export member", "Goal") },
  { "position", NC_ ("export member", "Step") },
  { "planned_date", NC_ ("export member", "Planned for") },
  { "label", NC_ ("export member", "What") },
  { "done", NC_ ("export member", "Done") },
  { "workshop_id", NC_ ("export member", "Workshop number") },
  { "session_id", NC_ ("export member", "Session number") },
  { "destination", NC_ ("export member", "Destination") },
  { "reason", NC_ ("export member", "Why") },
  { "already_done", NC_ ("export member", "Already done") },
  { "documents", NC_ ("export member", "Documents to bring") },
  { "consent_to_share", NC_ ("export member", "Agreed to share") },
  { "status", NC_ ("export member", "Status") },
  { "sheet_fingerprint", NC_ ("export member", "Code of the printed sheet") },
  { "nom", NC_ ("export member", "Name") },
  { "adresse", NC_ ("export member", "Address") },
  { "code_postal", NC_ ("export member", "Postcode") },
  { "commune", NC_ ("export member", "Commune") },
  { "telephone", NC_ ("export member", "Phone") },
  { "exported_at", NC_ ("export member", "Made on") },
};

static const char *
lookup (SillonSheetLanguage *language, const char *context, const Label *table, gsize n, const char *key)
{
  if (key == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].key, key))
      return sillon_sheet_language_pgettext (language, context, table[i].msgid);
  return NULL;
}

const char *
sillon_sheet_label_theme (SillonSheetLanguage *language, const char *api)
{
  return lookup (language, "coop theme", themes, G_N_ELEMENTS (themes), api);
}

const char *
sillon_sheet_label_skill (SillonSheetLanguage *language, const char *item_id)
{
  return lookup (language, "skill", skills, G_N_ELEMENTS (skills), item_id);
}

const char *
sillon_sheet_label_access (SillonSheetLanguage *language, const char *value)
{
  return lookup (language, "place access", accesses, G_N_ELEMENTS (accesses), value);
}

const char *
sillon_sheet_label_cost (SillonSheetLanguage *language, const char *value)
{
  return lookup (language, "place cost", costs, G_N_ELEMENTS (costs), value);
}

const char *
sillon_sheet_label_export_member (SillonSheetLanguage *language, const char *member)
{
  return lookup (language, "export member", members, G_N_ELEMENTS (members), member);
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

/* Reads the English labels of a data file's root object into @labels. */
typedef void (*LabelsReader) (JsonObject *root, GHashTable *labels);

/* The labels of the data file PREFIX<version>.json, read by @read the
 * first time a version is asked for and kept in @by_version (@lock held):
 * a file that is missing or not an object gives no labels. */
static GHashTable *
labels_of_version (GMutex *lock,
                   GHashTable **by_version,
                   const char *prefix,
                   guint version,
                   LabelsReader read)
{
  GHashTable *labels;

  g_mutex_lock (lock);
  if (*by_version == NULL)
    *by_version = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  labels = g_hash_table_lookup (*by_version, GUINT_TO_POINTER (version));
  if (labels == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s%u.json", prefix, version);
      g_autoptr (GBytes) bytes = sillon_data_load (name, NULL);
      g_autoptr (JsonParser) parser = json_parser_new ();

      labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (bytes != NULL &&
          json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        read (json_node_get_object (json_parser_get_root (parser)), labels);
      g_hash_table_insert (*by_version, GUINT_TO_POINTER (version), labels);
    }
  g_mutex_unlock (lock);
  return labels;
}

/* orientation-rules-vN.json: id → English label. */
static void
read_orientation_labels (JsonObject *root,
                         GHashTable *labels)
{
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

/* id → English label of each orientation-rules-vN.json, read once. */
static GHashTable *
orientation_labels (guint version)
{
  static GMutex lock;
  static GHashTable *by_version;

  return labels_of_version (&lock, &by_version, "orientation-rules-v", version, read_orientation_labels);
}

const char *
sillon_sheet_label_orientation (SillonSheetLanguage *language,
                                SillonOrientationRules *rules,
                                const char *id)
{
  const char *english = g_hash_table_lookup (orientation_labels (sillon_orientation_rules_get_version (rules)), id);

  return english != NULL ? sillon_sheet_language_gettext (language, english) : NULL;
}

/* ---------------------------------------------------------------------- */
/* Questionnaires: item id → English question, and "item id\nvalue" →
 * English answer label, read once per version. */

static void
read_questionnaire_labels (JsonObject *root,
                           GHashTable *labels)
{
  JsonObject *scales = json_object_get_object_member (root, "scales");
  JsonArray *items = json_object_get_array_member (root, "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *id = item != NULL ? json_object_get_string_member_with_default (item, "id", NULL) : NULL;
      const char *question = item != NULL ? json_object_get_string_member_with_default (item, "_question", NULL) : NULL;
      const char *scale = item != NULL ? json_object_get_string_member_with_default (item, "scale", NULL) : NULL;
      JsonObject *scale_object = scale != NULL && scales != NULL && json_object_has_member (scales, scale)
                                     ? json_object_get_object_member (scales, scale)
                                     : NULL;
      JsonArray *choices = NULL;

      if (id == NULL)
        continue;
      if (question != NULL)
        g_hash_table_replace (labels, g_strdup (id), g_strdup (question));
      if (scale_object != NULL && json_object_has_member (scale_object, "choices"))
        choices = json_object_get_array_member (scale_object, "choices");
      else if (json_object_has_member (item, "choices"))
        choices = json_object_get_array_member (item, "choices");
      for (guint c = 0; choices != NULL && c < json_array_get_length (choices); c++)
        {
          JsonObject *choice = json_array_get_object_element (choices, c);
          const char *label = choice != NULL ? json_object_get_string_member_with_default (choice, "_label", NULL) : NULL;

          if (label != NULL)
            g_hash_table_replace (labels,
                                  g_strdup_printf ("%s\n%" G_GINT64_FORMAT, id,
                                                   json_object_get_int_member_with_default (choice, "value", -1)),
                                  g_strdup (label));
        }
    }
}

static GHashTable *
questionnaire_labels (guint version)
{
  static GMutex lock;
  static GHashTable *by_version;

  return labels_of_version (&lock, &by_version, "questionnaire-v", version, read_questionnaire_labels);
}

const char *
sillon_sheet_label_question (SillonSheetLanguage *language, guint version, const char *item_id)
{
  const char *english = g_hash_table_lookup (questionnaire_labels (version), item_id);

  return english != NULL ? sillon_sheet_language_gettext (language, english) : NULL;
}

const char *
sillon_sheet_label_answer (SillonSheetLanguage *language, guint version, const char *item_id, gint64 value)
{
  g_autofree char *key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, item_id, value);
  const char *english = g_hash_table_lookup (questionnaire_labels (version), key);

  return english != NULL ? sillon_sheet_language_gettext (language, english) : NULL;
}
