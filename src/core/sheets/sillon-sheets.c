/* sillon-sheets.c — the sheets a person takes home, built from the store
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-sheets.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sillon-assessment.h"
#include "sillon-json-member.h"
#include "sillon-opening-hours.h"
#include "sillon-phone-format.h"
#include "sillon-sheet-labels.h"

/* The text of an English msgid in the sheet's language. */
#define T(msgid) sillon_sheet_language_gettext (ctx->lang, (msgid))

typedef struct
{
  SillonStore *store;
  const SillonSheetRequest *request;
  SillonSheetLanguage *lang;
  SillonSheetDoc *doc;
  char *date; /* YYYY-MM-DD of the print */
  SillonBeneficiary *person;
  SillonPlaceRecord *structure; /* the vault owner's structure, NULL: none */
  SillonMediator *mediator;     /* who follows the person, NULL: none */
} Ctx;

static void
ctx_clear (Ctx *ctx)
{
  g_free (ctx->date);
  g_clear_pointer (&ctx->person, sillon_beneficiary_free);
  g_clear_pointer (&ctx->structure, sillon_place_record_free);
  g_clear_pointer (&ctx->mediator, sillon_mediator_free);
  g_clear_pointer (&ctx->doc, sillon_sheet_doc_free);
}

static const char *const kind_names[] = { "progress", "referral", "notice", "record" };

const char *
sillon_sheet_kind_to_string (SillonSheetKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
sillon_sheet_kind_from_string (const char *text, SillonSheetKind *out_kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *out_kind = (SillonSheetKind) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
sillon_sheet_kind_has_fingerprint (SillonSheetKind kind)
{
  return kind == SILLON_SHEET_PROGRESS || kind == SILLON_SHEET_REFERRAL;
}

/* ---------------------------------------------------------------------- */
/* What every sheet about a person needs */

static char *
today_iso (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* A number as the person dials it from France ("03 26 00 00 00"), its
 * groups held together by no-break spaces so that a line never ends inside
 * it. NULL for none. */
static char *
sheet_phone (const char *number)
{
  g_autofree char *grouped = sillon_phone_format (number, SILLON_PHONE_HOME_REGION);
  g_auto (GStrv) groups = NULL;

  if (grouped == NULL)
    return NULL;
  /* Only a number Sillon could read is held together: free text stays
   * free to wrap. */
  if (!g_regex_match_simple ("^\\+?[0-9 ]+$", grouped, 0, 0))
    return g_steal_pointer (&grouped);
  groups = g_strsplit (grouped, " ", -1);
  return g_strjoinv ("\u00a0", groups);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* The person as the sheet greets them: the first name only, nothing for an
 * anonymous or anonymised person. */
static const char *
greeting_name (Ctx *ctx)
{
  if (ctx->person->anonymised || !has_text (ctx->person->first_name))
    return NULL;
  return ctx->person->first_name;
}

static char *
full_name (const SillonBeneficiary *b)
{
  if (b->anonymised)
    return NULL;
  if (has_text (b->first_name) && has_text (b->last_name))
    return g_strdup_printf ("%s %s", b->first_name, b->last_name);
  if (has_text (b->first_name))
    return g_strdup (b->first_name);
  if (has_text (b->last_name))
    return g_strdup (b->last_name);
  return NULL;
}

static char *
place_address (const SillonPlaceRecord *p)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const char *parts[] = { p->values[SILLON_PLACE_COL_ADRESSE], p->values[SILLON_PLACE_COL_COMPLEMENT_ADRESSE] };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (has_text (parts[i]))
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", parts[i]);
  if (has_text (p->values[SILLON_PLACE_COL_CODE_POSTAL]) || has_text (p->values[SILLON_PLACE_COL_COMMUNE]))
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      if (has_text (p->values[SILLON_PLACE_COL_CODE_POSTAL]))
        g_string_append_printf (text, "%s ", p->values[SILLON_PLACE_COL_CODE_POSTAL]);
      if (has_text (p->values[SILLON_PLACE_COL_COMMUNE]))
        g_string_append (text, p->values[SILLON_PLACE_COL_COMMUNE]);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
join_multi (GStrv values)
{
  return values != NULL && values[0] != NULL ? g_strjoinv (", ", values) : NULL;
}

static gboolean
ctx_init (Ctx *ctx, SillonStore *store, const SillonSheetRequest *request, GError **error)
{
  const char *code;

  memset (ctx, 0, sizeof *ctx);
  ctx->store = store;
  ctx->request = request;
  ctx->date = request->date != NULL ? g_strdup (request->date) : today_iso ();
  ctx->person = sillon_store_get_beneficiary (store, request->person_id, error);
  if (ctx->person == NULL)
    return FALSE;
  code = request->language != NULL ? request->language : ctx->person->sheet_language;
  ctx->lang = sillon_sheet_language_get (code, error);
  if (ctx->lang == NULL)
    return FALSE;
  if (!sillon_store_get_own_structure (store, &ctx->structure, error))
    return FALSE;
  if (ctx->person->mediator_id != 0)
    ctx->mediator = sillon_store_get_mediator (store, ctx->person->mediator_id, NULL);
  ctx->doc = sillon_sheet_doc_new (request->paper, sillon_sheet_language_is_rtl (ctx->lang));
  return TRUE;
}

static void
add_structure_fields (Ctx *ctx)
{
  if (ctx->structure != NULL)
    {
      g_autofree char *address = place_address (ctx->structure);
      g_autofree char *emails = join_multi (ctx->structure->multi[SILLON_PLACE_COL_COURRIELS]);
      g_autofree char *phone = sheet_phone (ctx->structure->values[SILLON_PLACE_COL_TELEPHONE]);

      sillon_sheet_doc_add_field (ctx->doc, T (N_ ("Structure")), ctx->structure->values[SILLON_PLACE_COL_NOM]);
      sillon_sheet_doc_add_field (ctx->doc, T (N_ ("Address")), address);
      sillon_sheet_doc_add_field (ctx->doc, T (N_ ("Phone")), phone);
      sillon_sheet_doc_add_field (ctx->doc, T (N_ ("Email")), emails);
    }
  if (ctx->mediator != NULL)
    sillon_sheet_doc_add_field (ctx->doc, T (N_ ("Your mediator")), ctx->mediator->display_name);
}

static void
set_footer (Ctx *ctx, const char *fingerprint)
{
  g_autofree char *date = sillon_sheet_language_format_date (ctx->lang, ctx->date);
  g_autofree char *footer = NULL;

  if (fingerprint != NULL)
    /* Translators: the footer of a printed sheet; %s is the date, then the sheet's verification code. */
    footer = g_strdup_printf (T (N_ ("Printed on %s · Code %s")), date, fingerprint);
  else
    /* Translators: the footer of a printed sheet; %s is the date. */
    footer = g_strdup_printf (T (N_ ("Printed on %s")), date);
  /* Translators: keep {page} and {pages}: they become the numbers. */
  sillon_sheet_doc_set_footer (ctx->doc, footer, T (N_ ("Page {page} of {pages}")));
}

/* ---------------------------------------------------------------------- */
/* Assessments */

static SillonQuestionnaireRegistry *
shared_registry (void)
{
  static gsize once;
  static SillonQuestionnaireRegistry *registry;

  if (g_once_init_enter (&once))
    {
      registry = sillon_questionnaire_registry_new_default ();
      g_once_init_leave (&once, 1);
    }
  return registry;
}

static SillonOrientationRules *
shared_rules (void)
{
  static gsize once;
  static SillonOrientationRules *rules;

  if (g_once_init_enter (&once))
    {
      rules = sillon_orientation_rules_load (shared_registry (), sillon_orientation_rules_latest_version (), NULL);
      g_once_init_leave (&once, 1);
    }
  return rules;
}

typedef struct
{
  SillonAssessment *assessment;
  SillonAssessmentResult *result;
} Scored;

static void
scored_clear (Scored *s)
{
  g_clear_object (&s->assessment);
  g_clear_pointer (&s->result, sillon_assessment_result_free);
}

static gboolean
scored_load (const SillonAssessmentRecord *record, Scored *out)
{
  g_autoptr (GBytes) bytes = NULL;

  if (record->answers_json == NULL)
    return FALSE;
  bytes = g_bytes_new (record->answers_json, strlen (record->answers_json));
  out->assessment = sillon_assessment_new_from_bytes (bytes, shared_registry (), NULL);
  if (out->assessment == NULL)
    return FALSE;
  out->result = sillon_assessment_evaluate (out->assessment, shared_rules (), NULL);
  if (out->result == NULL)
    {
      g_clear_object (&out->assessment);
      return FALSE;
    }
  return TRUE;
}

/* The first and the latest readable assessments; FALSE when there is none. */
static gboolean
load_first_and_latest (Ctx *ctx, Scored *first, Scored *latest, char **first_date, char **latest_date)
{
  g_autoptr (GPtrArray) records = sillon_store_list_assessments (ctx->store, ctx->person->id, NULL);
  gint first_i = -1, latest_i = -1;

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      Scored s = { 0 };

      if (!scored_load (g_ptr_array_index (records, i), &s))
        continue;
      if (first_i < 0)
        {
          *first = s;
          first_i = (gint) i;
        }
      else
        {
          scored_clear (latest);
          *latest = s;
          latest_i = (gint) i;
        }
    }
  if (first_i < 0)
    return FALSE;
  *first_date = g_strdup (((SillonAssessmentRecord *) g_ptr_array_index (records, first_i))->date);
  *latest_date = latest_i >= 0 ? g_strdup (((SillonAssessmentRecord *) g_ptr_array_index (records, latest_i))->date) : NULL;
  return TRUE;
}

static int
axis_score (SillonAssessmentResult *result, SillonAxis axis)
{
  guint score;

  return result != NULL && sillon_assessment_result_get_score (result, axis, &score) ? (int) score : -1;
}

static int
area_score (SillonAssessmentResult *result, SillonArea area)
{
  guint score;

  return result != NULL && sillon_assessment_result_get_area_score (result, area, &score) ? (int) score : -1;
}

/* ---------------------------------------------------------------------- */
/* Progress sheet */

static char *
session_themes (Ctx *ctx, const SillonSession *s)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();

  for (guint i = 0; s->themes != NULL && s->themes[i] != NULL; i++)
    {
      const char *label = sillon_sheet_label_theme (ctx->lang, s->themes[i]);
      g_ptr_array_add (parts, (gpointer) (label != NULL ? label : s->themes[i]));
    }
  if (has_text (s->admin_detail))
    g_ptr_array_add (parts, s->admin_detail);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static const SillonParcoursItem *
next_appointment (Ctx *ctx, GPtrArray *parcours)
{
  const SillonParcoursItem *best = NULL;

  for (guint i = 0; parcours != NULL && i < parcours->len; i++)
    {
      const SillonParcours *p = g_ptr_array_index (parcours, i);

      for (guint j = 0; p->items != NULL && j < p->items->len; j++)
        {
          const SillonParcoursItem *item = g_ptr_array_index (p->items, j);

          if (item->done || item->planned_date == NULL || strcmp (item->planned_date, ctx->date) < 0)
            continue;
          if (best == NULL || strcmp (item->planned_date, best->planned_date) < 0)
            best = item;
        }
    }
  return best;
}

static void
build_progress (Ctx *ctx)
{
  SillonSheetDoc *doc = ctx->doc;
  Scored first = { 0 }, latest = { 0 };
  g_autofree char *first_date = NULL, *latest_date = NULL;
  g_autoptr (GPtrArray) sessions = sillon_store_list_sessions (ctx->store, ctx->person->id, NULL);
  g_autoptr (GPtrArray) parcours = sillon_store_list_parcours (ctx->store, ctx->person->id, NULL);
  const char *name = greeting_name (ctx);
  gboolean assessed;

  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_TITLE, T (N_ ("My digital journey")));
  if (name != NULL)
    sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_HEADING, name);
  add_structure_fields (ctx);

  /* Where I stand */
  sillon_sheet_doc_add_heading (doc, T (N_ ("Where I stand")));
  assessed = load_first_and_latest (ctx, &first, &latest, &first_date, &latest_date);
  if (!assessed)
    sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY,
                               T (N_ ("No assessment yet. Your mediator will go through it with you at your next visit.")));
  else
    {
      Scored *now = latest.result != NULL ? &latest : &first;
      Scored *before = latest.result != NULL ? &first : NULL;
      g_autofree char *first_text = sillon_sheet_language_format_date (ctx->lang, first_date);
      g_autofree char *latest_text = sillon_sheet_language_format_date (ctx->lang, latest_date);
      g_autofree char *first_legend = NULL, *latest_legend = NULL, *degree = NULL;
      SillonSheetBar bars[SILLON_AXIS_COUNT + SILLON_AREA_COUNT];
      guint n = 0;

      /* Translators: %s is a date. */
      first_legend = g_strdup_printf (T (N_ ("First assessment (%s)")), first_text != NULL ? first_text : "");
      if (before != NULL)
        /* Translators: %s is a date. */
        latest_legend = g_strdup_printf (T (N_ ("Latest assessment (%s)")), latest_text != NULL ? latest_text : "");
      else
        latest_legend = g_strdup (T (N_ ("Latest assessment: not yet")));

      /* Translators: %s is a degree such as "Making progress". */
      degree = g_strdup_printf (T (N_ ("Today: %s.")),
                                sillon_sheet_label_degree (ctx->lang, sillon_assessment_result_get_degree (now->result)));
      sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_STRONG, degree);
      sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY,
                                 T (N_ ("The longer the bar, the closer you are to doing it on your own (out of 100).")));
      for (guint a = 0; a < SILLON_AXIS_COUNT; a++)
        {
          bars[n].label = sillon_sheet_label_axis (ctx->lang, (SillonAxis) a);
          bars[n].first = axis_score (first.result, (SillonAxis) a);
          bars[n].latest = before != NULL ? axis_score (latest.result, (SillonAxis) a) : -1;
          n++;
        }
      sillon_sheet_doc_add_chart (doc, first_legend, latest_legend, bars, n);

      sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_STRONG, T (N_ ("My skills, by area")));
      n = 0;
      for (guint a = 1; a < SILLON_AREA_COUNT; a++)
        {
          int f = area_score (first.result, (SillonArea) a);
          int l = before != NULL ? area_score (latest.result, (SillonArea) a) : -1;

          if (f < 0 && l < 0)
            continue;
          bars[n].label = sillon_sheet_label_area (ctx->lang, (SillonArea) a);
          bars[n].first = f;
          bars[n].latest = l;
          n++;
        }
      sillon_sheet_doc_add_chart (doc, first_legend, latest_legend, bars, n);
    }

  /* What I learned */
  sillon_sheet_doc_add_heading (doc, T (N_ ("What I learned")));
  {
    g_autoptr (GPtrArray) learned = g_ptr_array_new ();

    if (assessed && latest.assessment != NULL)
      {
        g_autoptr (SillonAssessmentComparison) comparison = sillon_assessment_compare (first.assessment, latest.assessment);
        const char *const *up = sillon_assessment_comparison_get_skills_up (comparison);

        for (guint i = 0; up != NULL && up[i] != NULL; i++)
          {
            const char *label = sillon_sheet_label_skill (ctx->lang, up[i]);
            if (label != NULL)
              g_ptr_array_add (learned, (gpointer) label);
          }
        g_ptr_array_add (learned, NULL);
        if (learned->len > 1)
          sillon_sheet_doc_add_bullets (doc, (const char *const *) learned->pdata);
      }
    if (learned->len <= 1)
      sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY,
                                 T (N_ ("Your progress will show here after your next assessment.")));
  }

  if (sessions != NULL && sessions->len > 0)
    {
      static const double widths[] = { 0.28, 0.72 };
      const char *header[] = { T (N_ ("Date")), T (N_ ("What we worked on")) };
      g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      /* Oldest first: the journey reads from top to bottom. */
      for (guint i = sessions->len; i-- > 0;)
        {
          const SillonSession *s = g_ptr_array_index (sessions, i);
          char **row = g_new0 (char *, 3);

          row[0] = sillon_sheet_language_format_date (ctx->lang, s->date);
          if (row[0] == NULL)
            row[0] = g_strdup (s->date);
          row[1] = session_themes (ctx, s);
          g_ptr_array_add (rows, row);
        }
      sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_STRONG, T (N_ ("My sessions")));
      sillon_sheet_doc_add_table (doc, 2, widths, header, rows);
    }

  /* The steps of the parcours already done, oldest first, as the sessions:
   * a workshop attended is part of the journey too. */
  {
    g_autoptr (GPtrArray) done = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; parcours != NULL && i < parcours->len; i++)
      {
        const SillonParcours *p = g_ptr_array_index (parcours, i);

        for (guint j = 0; p->items != NULL && j < p->items->len; j++)
          {
            const SillonParcoursItem *item = g_ptr_array_index (p->items, j);
            g_autofree char *when = NULL;

            if (!item->done || !has_text (item->label))
              continue;
            when = sillon_sheet_language_format_date (ctx->lang, item->planned_date);
            /* Translators: a step of a parcours: its date and what it is. */
            g_ptr_array_add (done, when != NULL ? g_strdup_printf (T (N_ ("%s: %s")), when, item->label) : g_strdup (item->label));
          }
      }
    if (done->len > 0)
      {
        g_ptr_array_add (done, NULL);
        sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_STRONG, T (N_ ("Steps of my journey already done")));
        sillon_sheet_doc_add_bullets (doc, (const char *const *) done->pdata);
      }
  }

  /* My next steps */
  sillon_sheet_doc_add_heading (doc, T (N_ ("My next steps")));
  {
    g_autoptr (GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
    Scored *now = latest.result != NULL ? &latest : &first;

    if (assessed)
      {
        const char *const *ids = sillon_assessment_result_get_orientations (now->result);
        for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
          {
            const char *label = sillon_sheet_label_orientation (ctx->lang, shared_rules (), ids[i]);
            if (label != NULL)
              g_ptr_array_add (steps, g_strdup (label));
          }
      }
    for (guint i = 0; parcours != NULL && i < parcours->len; i++)
      {
        const SillonParcours *p = g_ptr_array_index (parcours, i);

        for (guint j = 0; p->items != NULL && j < p->items->len; j++)
          {
            const SillonParcoursItem *item = g_ptr_array_index (p->items, j);
            g_autofree char *when = NULL;

            if (item->done || !has_text (item->label))
              continue;
            when = sillon_sheet_language_format_date (ctx->lang, item->planned_date);
            g_ptr_array_add (steps, when != NULL ? g_strdup_printf (T (N_ ("%s: %s")), when, item->label) : g_strdup (item->label));
          }
      }
    g_ptr_array_add (steps, NULL);
    if (steps->len > 1)
      sillon_sheet_doc_add_bullets (doc, (const char *const *) steps->pdata);
    else
      sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY, T (N_ ("We will decide on your next steps together.")));
  }

  /* Where to find help: one block, never split across pages. */
  sillon_sheet_doc_keep_together (doc, 190.0);
  sillon_sheet_doc_add_heading (doc, T (N_ ("Where to find help")));
  add_structure_fields (ctx);
  {
    const SillonParcoursItem *next = next_appointment (ctx, parcours);

    if (next != NULL)
      {
        g_autofree char *when = sillon_sheet_language_format_date (ctx->lang, next->planned_date);
        g_autofree char *text = has_text (next->label) ? g_strdup_printf (T (N_ ("%s: %s")), when, next->label) : g_strdup (when);
        sillon_sheet_doc_add_field (doc, T (N_ ("Next appointment")), text);
      }
    else
      sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY,
                                 T (N_ ("No appointment is planned: come back or call us whenever you need.")));
  }
  scored_clear (&first);
  scored_clear (&latest);
}

/* ---------------------------------------------------------------------- */
/* Referral sheet */

static gboolean
is_web_link (const char *text)
{
  return text != NULL && (g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://"));
}

static void
add_opening_hours (Ctx *ctx, const SillonPlaceRecord *place)
{
  const char *raw = place->values[SILLON_PLACE_COL_HORAIRES];
  g_autofree char *words = NULL;

  if (!has_text (raw))
    {
      sillon_sheet_doc_add_field (ctx->doc, T (N_ ("Opening hours")),
                                  T (N_ ("Not known: call before you go.")));
      return;
    }
  if (!sillon_place_record_is_flagged (place, SILLON_PLACE_COL_HORAIRES))
    words = sillon_opening_hours_render_translated (raw, sillon_sheet_language_translate, ctx->lang, NULL);
  if (words == NULL)
    {
      /* Translators: %s is the opening hours as the place wrote them, which Sillon could not read. */
      g_autofree char *text = g_strdup_printf (T (N_ ("%s (as the place wrote it: call to check)")), raw);
      sillon_sheet_doc_add_field (ctx->doc, T (N_ ("Opening hours")), text);
      return;
    }
  /* One rule a line: twelve rules stay readable. */
  {
    g_auto (GStrv) rules = g_strsplit (words, "; ", -1);
    g_autofree char *lines = g_strjoinv ("\n", rules);
    sillon_sheet_doc_add_field (ctx->doc, T (N_ ("Opening hours")), lines);
  }
}

static char *
labels_of (Ctx *ctx, GStrv values, const char *(*label_of) (SillonSheetLanguage *, const char *) )
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      const char *label = label_of (ctx->lang, values[i]);
      g_ptr_array_add (parts, (gpointer) (label != NULL ? label : values[i]));
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("\n", (char **) parts->pdata);
}

static SillonReferral *
find_referral (Ctx *ctx, GError **error)
{
  SillonReferral *referral;

  if (ctx->request->referral_id != 0)
    {
      referral = sillon_store_get_referral (ctx->store, ctx->request->referral_id, error);
      if (referral != NULL && referral->beneficiary_id != ctx->person->id)
        {
          g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_MISMATCH,
                       /* Translators: both %lld are numbers of records. */
                       _ ("Referral %lld is not a referral of person %lld"),
                       (long long) referral->id, (long long) ctx->person->id);
          sillon_referral_free (referral);
          return NULL;
        }
      return referral;
    }
  {
    g_autoptr (GPtrArray) referrals = sillon_store_list_referrals (ctx->store, ctx->person->id, error);
    if (referrals == NULL)
      return NULL;
    if (referrals->len == 0)
      {
        g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND,
                     _ ("Person %lld has no referral to print"), (long long) ctx->person->id);
        return NULL;
      }
    /* Newest first. */
    return sillon_store_get_referral (ctx->store, ((SillonReferral *) g_ptr_array_index (referrals, 0))->id, error);
  }
}

static gboolean
build_referral (Ctx *ctx, gboolean separate_pages, gint64 *out_referral_id, GError **error)
{
  SillonSheetDoc *doc = ctx->doc;
  g_autoptr (SillonReferral) referral = find_referral (ctx, error);
  g_autoptr (SillonPlaceRecord) place = NULL;
  g_autoptr (SillonMediator) by = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  const char *destination;

  if (referral == NULL)
    return FALSE;
  *out_referral_id = referral->id;
  if (referral->place_id != 0)
    place = sillon_store_get_place (ctx->store, referral->place_id, NULL);
  if (referral->mediator_id != 0)
    by = sillon_store_get_mediator (ctx->store, referral->mediator_id, NULL);
  date = sillon_sheet_language_format_date (ctx->lang, referral->date);
  destination = place != NULL ? place->values[SILLON_PLACE_COL_NOM]
                              : sillon_vocabulary_get_label (sillon_store_get_vocabulary (ctx->store),
                                                             "StructureDeRedirection", referral->destination, NULL);
  if (destination == NULL)
    destination = referral->destination;

  /* Part 1: for the person */
  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_TITLE, T (N_ ("Where to go next")));
  if (greeting_name (ctx) != NULL)
    sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_HEADING, greeting_name (ctx));
  sillon_sheet_doc_add_field (doc, T (N_ ("Go to")), destination);
  sillon_sheet_doc_add_field (doc, T (N_ ("Why")), referral->reason);
  if (place != NULL)
    {
      g_autofree char *address = place_address (place);
      g_autofree char *access = labels_of (ctx, place->multi[SILLON_PLACE_COL_MODALITES_ACCES], sillon_sheet_label_access);
      g_autofree char *cost = labels_of (ctx, place->multi[SILLON_PLACE_COL_FRAIS_A_CHARGE], sillon_sheet_label_cost);
      g_autofree char *emails = join_multi (place->multi[SILLON_PLACE_COL_COURRIELS]);
      const char *booking = place->values[SILLON_PLACE_COL_PRISE_RDV];
      const char *accessibility = place->values[SILLON_PLACE_COL_FICHE_ACCES_LIBRE];

      sillon_sheet_doc_add_field (doc, T (N_ ("Address")), address);
      add_opening_hours (ctx, place);
      g_autofree char *phone = sheet_phone (place->values[SILLON_PLACE_COL_TELEPHONE]);

      sillon_sheet_doc_add_field (doc, T (N_ ("Phone")), phone);
      sillon_sheet_doc_add_field (doc, T (N_ ("Email")), emails);
      sillon_sheet_doc_add_field (doc, T (N_ ("How to get an appointment")), access);
      sillon_sheet_doc_add_field (doc, T (N_ ("Cost")), cost);
      sillon_sheet_doc_add_field (doc, T (N_ ("What to bring")), referral->documents);
      if (is_web_link (booking) || is_web_link (accessibility))
        {
          const char *link = is_web_link (booking) ? booking : accessibility;
          const char *caption = is_web_link (booking)
                                    ? T (N_ ("Scan this code with a phone to book an appointment."))
                                    : T (N_ ("Scan this code with a phone to see how accessible the place is."));
          g_autofree char *text = g_strdup_printf ("%s\n%s", caption, link);

          if (!sillon_sheet_doc_add_qr (doc, link, text, 84.0, error))
            return FALSE;
        }
    }
  else
    sillon_sheet_doc_add_field (doc, T (N_ ("What to bring")), referral->documents);
  if (ctx->structure != NULL)
    {
      g_autofree char *phone = sheet_phone (ctx->structure->values[SILLON_PLACE_COL_TELEPHONE]);

      sillon_sheet_doc_add_field (doc, T (N_ ("A question? Call")),
                                  phone != NULL ? phone : ctx->structure->values[SILLON_PLACE_COL_NOM]);
    }

  if (separate_pages)
    {
      sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_STRONG,
                                 T (N_ ("The next page is for the structure you are going to: give it to them.")));
      sillon_sheet_doc_new_page (doc);
    }
  else
    sillon_sheet_doc_add_cut_line (doc, T (N_ ("Cut here. The part below is for the structure you are going to: give it to them.")));

  /* Part 2: for the receiving structure */
  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_HEADING, T (N_ ("Referral: for the receiving structure")));
  /* Part 2 is read by professionals: smaller type lets it fit under part 1. */
  sillon_sheet_doc_set_small (doc, TRUE);
  {
    g_autofree char *who = NULL;

    if (by != NULL && date != NULL)
      /* Translators: who referred the person, then the date: "Camille Roussel, 17 June 2026". */
      who = g_strdup_printf (T (N_ ("%s, %s")), by->display_name, date);
    sillon_sheet_doc_add_field (doc, T (N_ ("Referred by")), who != NULL ? who : by != NULL ? by->display_name
                                                                                            : date);
  }
  if (ctx->structure != NULL)
    {
      /* One field: part 2 must fit under part 1 on a page when it can. */
      g_autofree char *emails = join_multi (ctx->structure->multi[SILLON_PLACE_COL_COURRIELS]);
      g_autoptr (GString) contact = g_string_new (ctx->structure->values[SILLON_PLACE_COL_NOM]);
      g_autofree char *phone = sheet_phone (ctx->structure->values[SILLON_PLACE_COL_TELEPHONE]);

      if (has_text (phone) || has_text (emails))
        g_string_append_printf (contact, "\n%s%s%s", has_text (phone) ? phone : "",
                                has_text (phone) && has_text (emails) ? " · " : "", has_text (emails) ? emails : "");
      sillon_sheet_doc_add_field (doc, T (N_ ("Structure")), contact->str);
    }
  name = full_name (ctx->person);
  sillon_sheet_doc_add_field (doc, T (N_ ("Person")), name);
  sillon_sheet_doc_add_field (doc, T (N_ ("Referred to")), destination);
  if (referral->consent_to_share)
    {
      Scored first = { 0 }, latest = { 0 };
      g_autofree char *first_date = NULL, *latest_date = NULL;

      sillon_sheet_doc_add_field (doc, T (N_ ("Why")), referral->reason);
      sillon_sheet_doc_add_field (doc, T (N_ ("Already done")), referral->already_done);
      sillon_sheet_doc_add_field (doc, T (N_ ("What the person agreed to share")), referral->consent_details);
      if (load_first_and_latest (ctx, &first, &latest, &first_date, &latest_date))
        {
          Scored *now = latest.result != NULL ? &latest : &first;
          g_autofree char *profile = g_strdup_printf ("%s\n%s %d · %s %d · %s %d",
                                                      sillon_sheet_label_degree (ctx->lang, sillon_assessment_result_get_degree (now->result)),
                                                      sillon_sheet_label_axis (ctx->lang, SILLON_AXIS_POUVOIR), axis_score (now->result, SILLON_AXIS_POUVOIR),
                                                      sillon_sheet_label_axis (ctx->lang, SILLON_AXIS_VOULOIR), axis_score (now->result, SILLON_AXIS_VOULOIR),
                                                      sillon_sheet_label_axis (ctx->lang, SILLON_AXIS_SAVOIR), axis_score (now->result, SILLON_AXIS_SAVOIR));
          sillon_sheet_doc_add_field (doc, T (N_ ("Digital profile (out of 100)")), profile);
        }
      scored_clear (&first);
      scored_clear (&latest);
      /* What the person signs is in their type size. */
      sillon_sheet_doc_set_small (doc, FALSE);
      sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY,
                                 T (N_ ("I agree that the information on this part of the sheet is given to the structure I am referred to, for my support only.")));
    }
  else
    sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY,
                               T (N_ ("The person did not agree to share more than their name: ask them directly what they need.")));
  sillon_sheet_doc_set_small (doc, FALSE);
  {
    const char *labels[] = { T (N_ ("Signature of the person")), T (N_ ("Signature of the mediator")),
                             T (N_ ("Receiving structure (stamp)")), NULL };
    sillon_sheet_doc_add_signature_boxes (doc, labels);
  }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Information notice */

static void
build_notice (Ctx *ctx)
{
  SillonSheetDoc *doc = ctx->doc;
  g_autoptr (GPtrArray) consents = sillon_store_list_consents (ctx->store, ctx->person->id, NULL);
  g_autofree char *months = NULL;
  const char *kept[] = {
    T (N_ ("Your name, year of birth, commune and how to reach you, if you gave them.")),
    T (N_ ("What we did together at each visit, and the themes of your workshops.")),
    T (N_ ("Your answers to the digital skills assessment.")),
    T (N_ ("The places we referred you to, and what you agreed to share with them.")),
    T (N_ ("Short notes by your mediator. They never hold your health, religion or opinions.")),
    NULL,
  };
  const char *why[] = {
    T (N_ ("To follow your progress and prepare your next visits.")),
    T (N_ ("To refer you to the right place when you need it.")),
    T (N_ ("To count, without any name, how many people the structure helps.")),
    NULL,
  };
  const char *rights[] = {
    T (N_ ("See everything we keep about you: ask for your record, on paper or as a file.")),
    T (N_ ("Have what is wrong corrected.")),
    T (N_ ("Have everything about you erased.")),
    T (N_ ("Say no to a use of your information, or withdraw what you agreed to.")),
    T (N_ ("Complain to the CNIL, the French data protection authority: www.cnil.fr.")),
    NULL,
  };

  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_TITLE, T (N_ ("Your information and your rights")));
  {
    g_autofree char *name = full_name (ctx->person);
    if (name != NULL)
      sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_HEADING, name);
  }
  sillon_sheet_doc_add_heading (doc, T (N_ ("Who keeps your information")));
  if (ctx->structure == NULL && ctx->mediator == NULL)
    sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY, T (N_ ("The structure where you were helped.")));
  add_structure_fields (ctx);
  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY,
                             T (N_ ("It is kept on this structure’s computer only, in an encrypted file that only the mediators can open. It is not sold, and not given to anyone without your agreement.")));
  sillon_sheet_doc_add_heading (doc, T (N_ ("What we keep")));
  sillon_sheet_doc_add_bullets (doc, kept);
  sillon_sheet_doc_add_heading (doc, T (N_ ("Why")));
  sillon_sheet_doc_add_bullets (doc, why);
  sillon_sheet_doc_add_heading (doc, T (N_ ("For how long")));
  /* Translators: %d is a number of months (12 by default). */
  months = g_strdup_printf (T (N_ ("If you do not come back for %d months, your name, your contact details and the notes are erased. Only figures without any name are kept for statistics.")),
                            SILLON_STORE_DEFAULT_RETENTION_MONTHS);
  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY, months);
  sillon_sheet_doc_add_heading (doc, T (N_ ("Your rights")));
  sillon_sheet_doc_add_bullets (doc, rights);
  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY,
                             T (N_ ("To use them, ask your mediator or write to the structure above. You will get an answer within one month.")));
  if (consents != NULL && consents->len > 0)
    {
      sillon_sheet_doc_add_heading (doc, T (N_ ("What you agreed to")));
      for (guint i = 0; i < consents->len; i++)
        {
          const SillonConsent *c = g_ptr_array_index (consents, i);
          g_autofree char *when = sillon_sheet_language_format_date (ctx->lang, c->date);

          sillon_sheet_doc_add_field (doc, T (N_ ("Date")), when != NULL ? when : c->date);
          sillon_sheet_doc_add_field (doc, T (N_ ("What you were told")), c->told);
          sillon_sheet_doc_add_field (doc, T (N_ ("What you agreed to")), c->scope);
          sillon_sheet_doc_add_space (doc, 6.0);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* The person's own record: everything the JSON export holds */

static char *
value_text (Ctx *ctx, JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? T (N_ ("yes")) : T (N_ ("no")));
      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);
          char *date = NULL;

          /* Dates, and the day of timestamps (2026-02-07T12:00:00Z). */
          if (strlen (s) == 10 || (strlen (s) == 20 && s[10] == 'T' && s[19] == 'Z'))
            {
              g_autofree char *day = g_strndup (s, 10);
              date = sillon_sheet_language_format_date (ctx->lang, day);
            }
          return date != NULL ? date : g_strdup (s);
        }
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      gboolean simple = TRUE;

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!JSON_NODE_HOLDS_VALUE (json_array_get_element (array, i)))
          simple = FALSE;
      if (simple)
        {
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              const char *label = NULL;

              if (json_node_get_value_type (element) == G_TYPE_STRING)
                label = sillon_sheet_label_theme (ctx->lang, json_node_get_string (element));
              g_ptr_array_add (parts, label != NULL ? g_strdup (label) : value_text (ctx, element));
            }
          g_ptr_array_add (parts, NULL);
          return parts->len > 1 ? g_strjoinv (", ", (char **) parts->pdata) : NULL;
        }
    }
  /* Nested answers and results: compact, but complete. */
  {
    g_autoptr (JsonGenerator) generator = json_generator_new ();
    json_generator_set_root (generator, node);
    return json_generator_to_data (generator, NULL);
  }
}

/* The members whose values are api values of a national enumeration. */
static const char *
member_enumeration (const char *member)
{
  static const char *const map[][2] = {
    { "gender", "Genre" },
    { "age_bracket", "TrancheAge" },
    { "social_status", "StatutSocial" },
    { "place_type", "TypeLieu" },
    { "equipment", "Materiel" },
    { "administrative_themes", "Thematique_demarches_administratives" },
    { "autonomy", "Autonomie" },
    { "level", "NiveauAtelier" },
    { "destination", "StructureDeRedirection" },
    { "referral_destination", "StructureDeRedirection" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (map[i][0], member))
      return map[i][1];
  return NULL;
}

/* The label of a national value in the sheet's language, not the UI's:
 * the values that have an English label are translated with the sheet's
 * catalogue; the others keep their French national label. NULL for an
 * unknown value. */
static const char *
enumeration_label (Ctx *ctx, const char *enumeration, const char *api)
{
  const char *national = sillon_vocabulary_get_label (sillon_store_get_vocabulary (ctx->store), enumeration, api, NULL);
  const char *context, *msgid;

  if (national == NULL)
    return NULL;
  if (sillon_vocabulary_get_display_msgid (enumeration, api, &context, &msgid))
    return sillon_sheet_language_pgettext (ctx->lang, context, msgid);
  return national;
}

static char *
enumeration_text (Ctx *ctx, const char *enumeration, JsonNode *node)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *label = enumeration_label (ctx, enumeration, json_node_get_string (node));
      return g_strdup (label != NULL ? label : json_node_get_string (node));
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return value_text (ctx, node);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      const char *api = json_array_get_string_element (json_node_get_array (node), i);
      const char *label = api != NULL ? enumeration_label (ctx, enumeration, api) : NULL;

      if (api != NULL)
        g_ptr_array_add (parts, (gpointer) (label != NULL ? label : api));
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

/* An assessment's answers, question by question, then what they give. */
static void
add_assessment_answers (Ctx *ctx, JsonNode *node)
{
  JsonObject *object = json_node_get_object (node);
  guint version = (guint) json_object_get_int_member_with_default (object, "questionnaire_version", 1);
  JsonObject *answers = json_object_has_member (object, "answers") ? json_object_get_object_member (object, "answers") : NULL;
  g_autoptr (GList) ids = answers != NULL ? json_object_get_members (answers) : NULL;
  g_autoptr (SillonAssessment) assessment = NULL;
  g_autoptr (SillonAssessmentResult) result = NULL;

  for (GList *l = ids; l != NULL; l = l->next)
    {
      const char *id = l->data;
      JsonNode *value = json_object_get_member (answers, id);
      const char *question = sillon_sheet_label_question (ctx->lang, version, id);
      g_autofree char *text = NULL;

      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        text = g_strdup (T (N_ ("No answer")));
      else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
        {
          const char *label = sillon_sheet_label_answer (ctx->lang, version, id, json_node_get_int (value));
          text = label != NULL ? g_strdup (label) : value_text (ctx, value);
        }
      else
        text = value_text (ctx, value);
      sillon_sheet_doc_add_field (ctx->doc, question != NULL ? question : id, text);
    }

  /* The result is computed from the answers (and the mediator's changes,
   * kept with them), as on the progress sheet. */
  assessment = sillon_assessment_new_from_json (node, shared_registry (), NULL);
  if (assessment != NULL)
    result = sillon_assessment_evaluate (assessment, shared_rules (), NULL);
  if (result != NULL)
    {
      const char *const *orientations = sillon_assessment_result_get_orientations (result);
      g_autoptr (GPtrArray) labels = g_ptr_array_new ();

      sillon_sheet_doc_add_field (ctx->doc, T (N_ ("Result")),
                                  sillon_sheet_label_degree (ctx->lang, sillon_assessment_result_get_degree (result)));
      for (guint a = 0; a < SILLON_AXIS_COUNT; a++)
        {
          int score = axis_score (result, (SillonAxis) a);
          g_autofree char *text = score >= 0 ? g_strdup_printf ("%d / 100", score) : g_strdup (T (N_ ("No answer")));
          sillon_sheet_doc_add_field (ctx->doc, sillon_sheet_label_axis (ctx->lang, (SillonAxis) a), text);
        }
      for (guint i = 0; orientations != NULL && orientations[i] != NULL; i++)
        {
          const char *label = sillon_sheet_label_orientation (ctx->lang, shared_rules (), orientations[i]);
          g_ptr_array_add (labels, (gpointer) (label != NULL ? label : orientations[i]));
        }
      g_ptr_array_add (labels, NULL);
      if (labels->len > 1)
        {
          g_autofree char *text = g_strjoinv ("\n", (char **) labels->pdata);
          sillon_sheet_doc_add_field (ctx->doc, T (N_ ("Suggested next steps")), text);
        }
    }
}

static void
add_object_fields (Ctx *ctx, JsonObject *object)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *key = m->data;
      JsonNode *node = json_object_get_member (object, key);
      const char *label = sillon_sheet_label_export_member (ctx->lang, key);
      const char *enumeration = member_enumeration (key);
      g_autofree char *text = NULL;

      if (g_str_equal (key, "answers") && JSON_NODE_HOLDS_OBJECT (node))
        {
          add_assessment_answers (ctx, node);
          continue;
        }
      if (g_str_equal (key, "result") && JSON_NODE_HOLDS_OBJECT (node))
        continue; /* shown with the answers it is computed from */
      if (JSON_NODE_HOLDS_OBJECT (node) && (g_str_equal (key, "mediator") || g_str_equal (key, "place")))
        {
          JsonObject *o = json_node_get_object (node);
          node = json_object_get_member (o, json_object_has_member (o, "display_name") ? "display_name" : "nom");
        }
      if (JSON_NODE_HOLDS_ARRAY (node) && g_str_equal (key, "items"))
        {
          /* The steps of a parcours, one under the other. */
          JsonArray *items = json_node_get_array (node);
          for (guint i = 0; i < json_array_get_length (items); i++)
            if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, i)))
              add_object_fields (ctx, json_array_get_object_element (items, i));
          continue;
        }
      if ((g_str_equal (key, "phone") || g_str_equal (key, "telephone")) && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        text = sheet_phone (json_node_get_string (node));
      else if (g_str_equal (key, "sheet_language") && JSON_NODE_HOLDS_VALUE (node) &&
               json_node_get_value_type (node) == G_TYPE_STRING)
        {
          /* "Français", not the code the vault keeps. */
          const char *code = json_node_get_string (node);

          text = sillon_sheet_language_dup_name (code);
          if (text == NULL)
            text = g_strdup (code);
        }
      else
        text = enumeration != NULL ? enumeration_text (ctx, enumeration, node) : value_text (ctx, node);
      sillon_sheet_doc_add_field (ctx->doc, label != NULL ? label : key, text);
    }
}

static gboolean
build_record (Ctx *ctx, GError **error)
{
  g_autofree char *json = sillon_store_export_beneficiary (ctx->store, ctx->person->id, error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;
  static const char *const sections[] = { "beneficiary", "consents", "assessments", "sessions",
                                          "workshops", "parcours", "referrals" };

  if (json == NULL)
    return FALSE;
  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));

  sillon_sheet_doc_add_text (ctx->doc, SILLON_SHEET_TEXT_TITLE, T (N_ ("Everything we keep about you")));
  sillon_sheet_doc_add_text (ctx->doc, SILLON_SHEET_TEXT_BODY,
                             T (N_ ("This is your whole record, as kept by the structure below. Ask your mediator if something is wrong or if you want it erased.")));
  add_structure_fields (ctx);

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonNode *node = json_object_get_member (root, sections[s]);

      if (node == NULL)
        continue;
      sillon_sheet_doc_add_heading (ctx->doc, sillon_sheet_label_export_member (ctx->lang, sections[s]));
      if (JSON_NODE_HOLDS_OBJECT (node))
        add_object_fields (ctx, json_node_get_object (node));
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          if (json_array_get_length (array) == 0)
            sillon_sheet_doc_add_text (ctx->doc, SILLON_SHEET_TEXT_BODY, T (N_ ("Nothing.")));
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_OBJECT (element))
                continue;
              add_object_fields (ctx, json_node_get_object (element));
              sillon_sheet_doc_add_space (ctx->doc, 8.0);
            }
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */

static const char *
sheet_title (Ctx *ctx)
{
  switch (ctx->request->kind)
    {
      case SILLON_SHEET_PROGRESS:
        return T (N_ ("My digital journey"));
      case SILLON_SHEET_REFERRAL:
        return T (N_ ("Where to go next"));
      case SILLON_SHEET_NOTICE:
        return T (N_ ("Your information and your rights"));
      case SILLON_SHEET_RECORD:
        return T (N_ ("Everything we keep about you"));
      default:
        return NULL;
    }
}

/* What the fingerprint covers: the sheet's identity, then all it prints. */
static char *
canonical_content (Ctx *ctx, gint64 referral_id)
{
  return g_strdup_printf ("sillon-sheet 1\n%s\nperson %" G_GINT64_FORMAT "\nreferral %" G_GINT64_FORMAT "\nlanguage %s\n%s",
                          sillon_sheet_kind_to_string (ctx->request->kind), ctx->person->id, referral_id,
                          sillon_sheet_language_get_code (ctx->lang), sillon_sheet_doc_get_canonical (ctx->doc));
}

SillonSheetDoc *
sillon_sheet_build (SillonStore *store,
                    const SillonSheetRequest *request,
                    const guint8 *fingerprint_key,
                    char **out_fingerprint,
                    gint64 *out_referral_id,
                    GError **error)
{
  Ctx ctx_storage;
  Ctx *ctx = &ctx_storage;
  gint64 referral_id = 0;
  gboolean ok = TRUE;
  char code[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1];
  gboolean fingerprinted;
  SillonSheetDoc *doc;

  g_return_val_if_fail (store != NULL && request != NULL, NULL);

  if (!ctx_init (ctx, store, request, error))
    {
      ctx_clear (ctx);
      return NULL;
    }
  switch (request->kind)
    {
      case SILLON_SHEET_PROGRESS:
        build_progress (ctx);
        break;
      case SILLON_SHEET_REFERRAL:
        ok = build_referral (ctx, FALSE, &referral_id, error);
        /* Both parts on one page, to be cut apart; when they do not fit,
         * each part on its own page rather than part 2 split across. */
        if (ok && sillon_sheet_doc_get_n_pages (ctx->doc) > 1)
          {
            sillon_sheet_doc_free (ctx->doc);
            ctx->doc = sillon_sheet_doc_new (request->paper, sillon_sheet_language_is_rtl (ctx->lang));
            ok = build_referral (ctx, TRUE, &referral_id, error);
          }
        break;
      case SILLON_SHEET_NOTICE:
        build_notice (ctx);
        break;
      case SILLON_SHEET_RECORD:
        ok = build_record (ctx, error);
        break;
      default:
        g_return_val_if_reached (NULL);
    }
  if (!ok)
    {
      ctx_clear (ctx);
      return NULL;
    }

  fingerprinted = fingerprint_key != NULL && sillon_sheet_kind_has_fingerprint (request->kind);
  if (fingerprinted)
    {
      g_autofree char *canonical = canonical_content (ctx, referral_id);
      sillon_sheet_fingerprint_compute (fingerprint_key, canonical, code);
    }
  set_footer (ctx, fingerprinted ? code : NULL);
  sillon_sheet_doc_set_metadata (ctx->doc, sheet_title (ctx),
                                 ctx->structure != NULL ? ctx->structure->values[SILLON_PLACE_COL_NOM] : NULL);
  if (out_fingerprint != NULL)
    *out_fingerprint = fingerprinted ? g_strdup (code) : NULL;
  if (out_referral_id != NULL)
    *out_referral_id = referral_id;
  doc = g_steal_pointer (&ctx->doc);
  ctx_clear (ctx);
  return doc;
}

/* ---------------------------------------------------------------------- */
/* Print record and verification */

gboolean
sillon_sheet_record_print (SillonStore *store,
                           const guint8 *journal_key,
                           gint64 mediator_id,
                           const SillonSheetRequest *request,
                           gint64 referral_id,
                           const char *fingerprint,
                           GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *details = NULL;
  g_autoptr (SillonBeneficiary) person = NULL;
  SillonSheetLanguage *lang;
  const char *code = request->language;

  /* The language the sheet was printed in, so that verifying rebuilds it
   * the same even if the person's language changes later. */
  if (code == NULL)
    {
      person = sillon_store_get_beneficiary (store, request->person_id, error);
      if (person == NULL)
        return FALSE;
      code = person->sheet_language;
    }
  lang = sillon_sheet_language_get (code, error);
  if (lang == NULL)
    return FALSE;

  /* Numbers and fixed words only: the journal never holds personal data. */
  json_builder_begin_object (builder);
  sillon_json_add_string_member (builder, "sheet", sillon_sheet_kind_to_string (request->kind));
  sillon_json_add_int_member (builder, "person", request->person_id);
  if (referral_id != 0)
    {
      sillon_json_add_int_member (builder, "referral", referral_id);
    }
  sillon_json_add_string_member (builder, "lang", sillon_sheet_language_get_code (lang));
  sillon_json_add_string_member (builder, "paper", request->paper == SILLON_SHEET_PAPER_LETTER ? "letter" : "a4");
  if (fingerprint != NULL)
    {
      sillon_json_add_string_member (builder, "fingerprint", fingerprint);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  details = json_generator_to_data (generator, NULL);

  if (!sillon_store_begin (store, error))
    return FALSE;
  if (!sillon_journal_append (store, journal_key, SILLON_JOURNAL_PRINT, mediator_id, details, NULL, error))
    goto fail;
  if (request->kind == SILLON_SHEET_REFERRAL && referral_id != 0 && fingerprint != NULL)
    {
      g_autoptr (SillonReferral) referral = sillon_store_get_referral (store, referral_id, error);

      if (referral == NULL)
        goto fail;
      g_free (referral->sheet_fingerprint);
      referral->sheet_fingerprint = g_strdup (fingerprint);
      if (!sillon_store_update_referral (store, referral, error))
        goto fail;
    }
  return sillon_store_commit (store, error);

fail:
  sillon_store_rollback (store);
  return FALSE;
}

void
sillon_sheet_verification_free (SillonSheetVerification *v)
{
  if (v == NULL)
    return;
  g_free (v->code);
  g_free (v->language);
  g_free (v->mediator_name);
  g_free (v);
}

/* The details of a print entry, as written by sillon_sheet_record_print(). */
static JsonObject *
print_details (const SillonJournalEntry *entry)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (entry->action != SILLON_JOURNAL_PRINT || entry->details == NULL ||
      !json_parser_load_from_data (parser, entry->details, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

SillonSheetVerification *
sillon_sheet_verify (SillonStore *store,
                     const guint8 *fingerprint_key,
                     const char *code,
                     GError **error)
{
  char normalized[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1];
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (SillonSheetVerification) v = NULL;
  const SillonJournalEntry *found = NULL;
  g_autoptr (JsonObject) found_details = NULL;

  if (!sillon_sheet_fingerprint_normalize (code, normalized, error))
    return NULL;
  entries = sillon_journal_list (store, error);
  if (entries == NULL)
    return NULL;

  v = g_new0 (SillonSheetVerification, 1);
  for (guint i = 0; i < entries->len; i++)
    {
      const SillonJournalEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr (JsonObject) object = print_details (entry);

      if (object == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (object, "fingerprint", NULL), normalized) != 0)
        continue;
      v->n_prints++;
      if (found == NULL)
        {
          found = entry; /* the first print of that sheet */
          found_details = json_object_ref (object);
        }
    }
  if (found == NULL)
    {
      g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_UNKNOWN_CODE,
                   /* Translators: %s is a sheet code. */
                   _ ("No sheet with the code %s was printed from this vault: the code was mistyped, or the sheet comes from another vault, or it is forged"),
                   normalized);
      return NULL;
    }

  {
    const char *kind = json_object_get_string_member_with_default (found_details, "sheet", NULL);
    SillonSheetRequest request = SILLON_SHEET_REQUEST_INIT;
    const char *paper = json_object_get_string_member_with_default (found_details, "paper", NULL);
    g_autoptr (GDateTime) at = g_date_time_new_from_unix_local (found->at_unix);
    g_autofree char *date = g_date_time_format (at, "%Y-%m-%d");
    g_autoptr (SillonSheetDoc) doc = NULL;
    g_autofree char *again = NULL;
    g_autoptr (GError) local_error = NULL;

    v->code = g_strdup (normalized);
    if (!sillon_sheet_kind_from_string (kind, &v->kind))
      v->kind = SILLON_SHEET_PROGRESS;
    v->person_id = json_object_get_int_member_with_default (found_details, "person", 0);
    v->referral_id = json_object_get_int_member_with_default (found_details, "referral", 0);
    v->language = g_strdup (json_object_get_string_member_with_default (found_details, "lang", NULL));
    v->printed_unix = found->at_unix;
    v->mediator_id = found->mediator_id;
    if (found->mediator_id != 0)
      {
        g_autoptr (SillonMediator) m = sillon_store_get_mediator (store, found->mediator_id, NULL);
        if (m != NULL)
          v->mediator_name = g_strdup (m->display_name);
      }

    /* The sheet as the vault would print it on the day it was printed. */
    request.kind = v->kind;
    request.person_id = v->person_id;
    request.referral_id = v->referral_id;
    request.language = v->language;
    if (!sillon_sheet_paper_from_name (paper, &request.paper))
      request.paper = SILLON_SHEET_PAPER_A4;
    request.date = date;
    doc = sillon_sheet_build (store, &request, fingerprint_key, &again, NULL, &local_error);
    if (doc == NULL)
      {
        if (!g_error_matches (local_error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND))
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return NULL;
          }
        v->still_exists = FALSE;
        v->content_matches = FALSE;
      }
    else
      {
        v->still_exists = TRUE;
        v->content_matches = g_strcmp0 (again, normalized) == 0;
      }
  }
  return g_steal_pointer (&v);
}

/* ---------------------------------------------------------------------- */
/* Recovery key */

SillonSheetDoc *
sillon_sheet_build_recovery (const char *recovery_key,
                             const char *mediator_name,
                             const char *language,
                             SillonSheetPaper paper,
                             const char *date,
                             GError **error)
{
  SillonSheetLanguage *lang = sillon_sheet_language_get (language, error);
  SillonSheetDoc *doc;
  g_autofree char *today = date != NULL ? g_strdup (date) : today_iso ();
  g_autofree char *when = NULL;
  g_autofree char *footer = NULL;
  const char *steps[4];

  if (lang == NULL)
    return NULL;
#undef T
#define T(msgid) sillon_sheet_language_gettext (lang, (msgid))
  when = sillon_sheet_language_format_date (lang, today);
  doc = sillon_sheet_doc_new (paper, sillon_sheet_language_is_rtl (lang));
  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_TITLE, T (N_ ("Recovery key of the Sillon vault")));
  sillon_sheet_doc_add_field (doc, T (N_ ("Created on")), when);
  sillon_sheet_doc_add_field (doc, T (N_ ("Created by")), mediator_name);
  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY,
                             T (N_ ("This key opens the vault when every passphrase is forgotten. It is shown only once: Sillon cannot show it again.")));
  sillon_sheet_doc_add_space (doc, 8.0);
  {
    /* Two lines of large characters, cut between groups, so that the key
     * is copied by hand without a line break inside a group. */
    g_auto (GStrv) groups = g_strsplit (recovery_key, "-", -1);
    guint n = g_strv_length (groups);
    g_autoptr (GString) lines = g_string_new (NULL);

    for (guint i = 0; i < n; i++)
      {
        g_string_append (lines, groups[i]);
        if (i + 1 < n)
          g_string_append (lines, i + 1 == (n + 1) / 2 ? "-\n" : "-");
      }
    sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_CODE, lines->str);
  }
  sillon_sheet_doc_add_space (doc, 8.0);
  steps[0] = T (N_ ("Keep this sheet locked away, apart from the computer, for example in the structure’s safe."));
  steps[1] = T (N_ ("Anyone who holds it together with a copy of the vault can read everything in it."));
  steps[2] = T (N_ ("Delete the PDF file once the sheet is printed, and empty the trash."));
  steps[3] = NULL;
  sillon_sheet_doc_add_bullets (doc, steps);
  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY,
                             T (N_ ("To use it: “sillon-cli vault recover”, or “Forgot the passphrase?” in the application. Case, spaces and dashes do not matter.")));
  /* Translators: %s is a date. */
  footer = g_strdup_printf (T (N_ ("Printed on %s")), when);
  sillon_sheet_doc_set_footer (doc, footer, T (N_ ("Page {page} of {pages}")));
  sillon_sheet_doc_set_metadata (doc, T (N_ ("Recovery key of the Sillon vault")), mediator_name);
#undef T
  return doc;
}
