/* sillon-referral-dialog.c — refer a person to a place of the directory
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-referral-dialog.h"

#include <glib/gi18n.h>

#include "sillon-communes.h"
#include "sillon-list-row.h"
#include "sillon-message-label.h"
#include "sillon-widget-util.h"

G_DEFINE_QUARK (sillon - referral - dialog - error - quark, sillon_referral_dialog_error)

/* Enough to choose from; the search narrows it. */
#define MAX_PLACES 50
#define NOT_SAID "-"

struct _SillonReferralDialog
{
  GtkDialog parent_instance;

  SillonVaultSession *session;
  gint64 beneficiary_id;
  gint64 session_id; /* the session it follows, 0: none */
  char *commune_insee;
  gint64 place_id;          /* the chosen place, 0: none yet */
  GPtrArray *places;        /* what the search shows, row by row */
  gboolean scroll_to_focus; /* once the form is laid out again */

  GtkLabel *message_label;
  GtkSearchEntry *search_entry;
  GtkLabel *order_label;
  GtkListBox *places_list;
  GtkScrolledWindow *places_scroller;
  GtkLabel *chosen_label;
  GtkComboBoxText *destination_combo;
  GtkScrolledWindow *scrolled;
  GtkContainer *form_box;
  GtkEntry *reason_entry;
  GtkEntry *done_entry;
  GtkEntry *documents_entry;
  GtkToggleButton *consent_check;
  GtkEntry *share_entry;
};

G_DEFINE_FINAL_TYPE (SillonReferralDialog, sillon_referral_dialog, GTK_TYPE_DIALOG)

static char *
place_details (const SillonPlaceRecord *p)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const char *commune = p->values[SILLON_PLACE_COL_COMMUNE];
  GStrv services = p->multi[SILLON_PLACE_COL_SERVICES];

  if (commune != NULL)
    g_string_append (text, commune);
  if (services != NULL && services[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", services);

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, joined);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
describe_place (gpointer item,
                char **title,
                char **details,
                gpointer user_data)
{
  const SillonPlaceRecord *p = item;

  *title = g_strdup (p->values[SILLON_PLACE_COL_NOM] != NULL ? p->values[SILLON_PLACE_COL_NOM] : _ ("Place without a name"));
  *details = place_details (p);
  return p->id;
}

/* Each change of the search is searched at once, not after
 * GtkSearchEntry's 150 ms pause: a key press shows its letter and the
 * places it finds in the same frame, and Enter or Down right after the
 * last letter acts on the places of the whole word. The rows already
 * there are shown again (sillon_list_box_show()): a keystroke changes
 * few. */
static void
on_search_entry_changed (SillonReferralDialog *self)
{
  SillonStore *store = self->session != NULL ? sillon_vault_session_get_store (self->session) : NULL;
  const char *query = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->places, g_ptr_array_unref);
  if (store == NULL)
    {
      sillon_list_box_clear (self->places_list);
      return;
    }
  places = sillon_store_search_places_near (store, query, self->commune_insee, MAX_PLACES, &error);
  if (places == NULL)
    {
      sillon_list_box_clear (self->places_list);
      /* Translators: %s is the technical reason. */
      sillon_message_label_set_printf (self->message_label, _ ("The places cannot be searched: %s"), error->message);
      return;
    }
  sillon_message_label_set (self->message_label, NULL);
  self->places = g_ptr_array_ref (places);
  /* A reused row shows another place now: the place chosen stays in
   * "Referred to", not as a highlighted row. */
  gtk_list_box_unselect_all (self->places_list);
  sillon_list_box_show (self->places_list, places, "place-id", describe_place, NULL);
}

static void
show_chosen (SillonReferralDialog *self, const char *name, const char *commune)
{
  g_autofree char *text = NULL;

  if (commune != NULL)
    /* Translators: the place chosen: %1$s its name, %2$s its commune. */
    text = g_strdup_printf (_ ("Referred to: %1$s, %2$s"), name, commune);
  else
    /* Translators: the place chosen: %s its name. */
    text = g_strdup_printf (_ ("Referred to: %s"), name);
  gtk_label_set_text (self->chosen_label, text);
  sillon_message_label_set (self->message_label, NULL);
}

/* The place a row shows: the search's record at the row's place in the
 * list (a reused row below the first screenful may not be filled yet). */
static const SillonPlaceRecord *
row_place (SillonReferralDialog *self, GtkListBoxRow *row)
{
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (self->places == NULL || index < 0 || (guint) index >= self->places->len)
    return NULL;
  return self->places->pdata[index];
}

static void
choose (SillonReferralDialog *self, GtkListBoxRow *row)
{
  const SillonPlaceRecord *p = row_place (self, row);

  self->place_id = p != NULL ? p->id : 0;
  if (self->place_id == 0)
    return;
  show_chosen (self, p->values[SILLON_PLACE_COL_NOM] != NULL ? p->values[SILLON_PLACE_COL_NOM] : _ ("Place without a name"),
               p->values[SILLON_PLACE_COL_COMMUNE]);
}

static void
on_places_list_row_selected (SillonReferralDialog *self, GtkListBoxRow *row)
{
  if (row != NULL)
    choose (self, row);
}

/* Enter on a place chooses it and goes on to the reason. */
static void
on_places_list_row_activated (SillonReferralDialog *self, GtkListBoxRow *row)
{
  gtk_list_box_select_row (self->places_list, row);
  choose (self, row);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
}

/* Enter in the search chooses the first place found. */
static void
on_search_entry_activate (SillonReferralDialog *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->places_list, 0);

  if (first != NULL)
    on_places_list_row_activated (self, first);
}

/* The search entry takes Escape for itself: it empties the search, and
 * once empty Escape cancels the dialog, as it does from any other field
 * (the dialog opens on the search, after a session too). */
static void
on_search_entry_stop_search (SillonReferralDialog *self)
{
  if (gtk_entry_get_text (GTK_ENTRY (self->search_entry))[0] != '\0')
    gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  else
    gtk_dialog_response (GTK_DIALOG (self), GTK_RESPONSE_CANCEL);
}

static void
on_consent_check_toggled (SillonReferralDialog *self)
{
  gboolean agreed = gtk_toggle_button_get_active (self->consent_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->share_entry), agreed);
}

/* Says how the places are ordered, since "nearest" is the commune, then
 * the département: the list of communes has no coordinates. */
static void
describe_order (SillonReferralDialog *self)
{
  SillonCommunes *communes = NULL;
  const SillonCommune *commune = NULL;
  g_autofree char *text = NULL;

  if (self->commune_insee != NULL && (communes = sillon_communes_get_default (NULL)) != NULL)
    commune = sillon_communes_lookup (communes, self->commune_insee, NULL);
  if (commune != NULL)
    /* Translators: %1$s is a commune, %2$s its département. */
    text = g_strdup_printf (_ ("Places in %1$s come first, then the rest of %2$s."), commune->name, commune->departement_name);
  else if (self->commune_insee != NULL)
    /* Translators: %s is a commune's INSEE code. */
    text = g_strdup_printf (_ ("Places in the commune %s come first, then its département."), self->commune_insee);
  else
    text = g_strdup (_ ("The person’s commune is not known: places are listed by name."));
  gtk_label_set_text (self->order_label, text);
}

/* The Coop's kind of structure, which the statistics count referrals by. */
static void
fill_destinations (SillonReferralDialog *self)
{
  SillonStore *store = self->session != NULL ? sillon_vault_session_get_store (self->session) : NULL;
  SillonVocabulary *vocabulary = store != NULL ? sillon_store_get_vocabulary (store) : NULL;

  gtk_combo_box_text_append (self->destination_combo, NOT_SAID, _ ("Not said"));
  sillon_combo_box_text_append_vocabulary (self->destination_combo, vocabulary, "StructureDeRedirection");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->destination_combo), NOT_SAID);
}

SillonReferralDialog *
sillon_referral_dialog_new (GtkWindow *parent,
                            SillonVaultSession *session,
                            gint64 beneficiary_id,
                            const char *commune_insee)
{
  /* Four buttons: below the form, where there is room for them at a large
   * text size; a header bar would squeeze the title out. */
  SillonReferralDialog *self = g_object_new (SILLON_TYPE_REFERRAL_DIALOG, "use-header-bar", FALSE,
                                             "transient-for", parent, NULL);

  self->session = session != NULL ? g_object_ref (session) : NULL;
  self->beneficiary_id = beneficiary_id;
  self->commune_insee = commune_insee != NULL && commune_insee[0] != '\0' ? g_strdup (commune_insee) : NULL;
  describe_order (self);
  fill_destinations (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

void
sillon_referral_dialog_set_destination (SillonReferralDialog *self,
                                        const char *destination)
{
  g_return_if_fail (SILLON_IS_REFERRAL_DIALOG (self));

  if (destination == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->destination_combo), destination))
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->destination_combo), NOT_SAID);
}

void
sillon_referral_dialog_set_session_id (SillonReferralDialog *self,
                                       gint64 session_id)
{
  g_return_if_fail (SILLON_IS_REFERRAL_DIALOG (self));
  g_return_if_fail (session_id >= 0);

  self->session_id = session_id;
}

SillonReferral *
sillon_referral_dialog_get_referral (SillonReferralDialog *self, GError **error)
{
  g_autoptr (SillonReferral) r = sillon_referral_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (SILLON_IS_REFERRAL_DIALOG (self), NULL);

  if (self->place_id == 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      g_set_error_literal (error, SILLON_REFERRAL_DIALOG_ERROR, SILLON_REFERRAL_DIALOG_ERROR_INVALID,
                           _ ("Choose the place the person is referred to: search it by commune, service or name."));
      return NULL;
    }
  r->reason = sillon_entry_dup_text (self->reason_entry);
  if (r->reason == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
      g_set_error_literal (error, SILLON_REFERRAL_DIALOG_ERROR, SILLON_REFERRAL_DIALOG_ERROR_INVALID,
                           _ ("Say why the person is referred: the place needs to know."));
      return NULL;
    }
  r->consent_to_share = gtk_toggle_button_get_active (self->consent_check);
  r->consent_details = r->consent_to_share ? sillon_entry_dup_text (self->share_entry) : NULL;
  if (r->consent_to_share && r->consent_details == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->share_entry));
      g_set_error_literal (error, SILLON_REFERRAL_DIALOG_ERROR, SILLON_REFERRAL_DIALOG_ERROR_INVALID,
                           _ ("Say what the person agrees to share with the place."));
      return NULL;
    }
  r->beneficiary_id = self->beneficiary_id;
  r->session_id = self->session_id;
  r->place_id = self->place_id;
  r->mediator_id = self->session != NULL ? sillon_vault_session_get_mediator_id (self->session) : 0;
  r->date = g_date_time_format (now, "%Y-%m-%d");
  {
    const char *destination = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->destination_combo));

    r->destination = destination != NULL && !g_str_equal (destination, NOT_SAID) ? g_strdup (destination) : NULL;
  }
  r->already_done = sillon_entry_dup_text (self->done_entry);
  r->documents = sillon_entry_dup_text (self->documents_entry);
  r->status = SILLON_REFERRAL_ISSUED;
  return g_steal_pointer (&r);
}

SillonReferral *
sillon_referral_dialog_get_draft (SillonReferralDialog *self)
{
  SillonReferral *r = sillon_referral_new ();
  const char *destination;

  g_return_val_if_fail (SILLON_IS_REFERRAL_DIALOG (self), NULL);

  destination = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->destination_combo));
  r->beneficiary_id = self->beneficiary_id;
  r->session_id = self->session_id;
  r->place_id = self->place_id;
  r->destination = destination != NULL && !g_str_equal (destination, NOT_SAID) ? g_strdup (destination) : NULL;
  r->reason = g_strdup (gtk_entry_get_text (self->reason_entry));
  r->already_done = g_strdup (gtk_entry_get_text (self->done_entry));
  r->documents = g_strdup (gtk_entry_get_text (self->documents_entry));
  r->consent_to_share = gtk_toggle_button_get_active (self->consent_check);
  r->consent_details = g_strdup (gtk_entry_get_text (self->share_entry));
  return r;
}

void
sillon_referral_dialog_set_draft (SillonReferralDialog *self,
                                  const SillonReferral *draft)
{
  SillonStore *store;
  g_autoptr (SillonPlaceRecord) place = NULL;

  g_return_if_fail (SILLON_IS_REFERRAL_DIALOG (self));
  g_return_if_fail (draft != NULL);

  store = self->session != NULL ? sillon_vault_session_get_store (self->session) : NULL;
  self->session_id = draft->session_id;
  sillon_referral_dialog_set_destination (self, draft->destination);
  gtk_entry_set_text (self->reason_entry, draft->reason != NULL ? draft->reason : "");
  gtk_entry_set_text (self->done_entry, draft->already_done != NULL ? draft->already_done : "");
  gtk_entry_set_text (self->documents_entry, draft->documents != NULL ? draft->documents : "");
  gtk_toggle_button_set_active (self->consent_check, draft->consent_to_share);
  gtk_entry_set_text (self->share_entry, draft->consent_details != NULL ? draft->consent_details : "");
  place = draft->place_id != 0 && store != NULL ? sillon_store_get_place (store, draft->place_id, NULL) : NULL;
  if (place != NULL)
    {
      self->place_id = place->id;
      show_chosen (self,
                   place->values[SILLON_PLACE_COL_NOM] != NULL ? place->values[SILLON_PLACE_COL_NOM] : _ ("Place without a name"),
                   place->values[SILLON_PLACE_COL_COMMUNE]);
    }
}

/* The message shows below the form and makes it shorter: once laid out
 * again, the field the message is about (it has the focus) is scrolled
 * back into view. */
static gboolean
scroll_to_focus (gpointer data)
{
  SillonReferralDialog *self = data;
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  int x = 0, y = 0;

  GtkAllocation form;

  /* In the adjustment's coordinates: the form's own, plus its margin. */
  gtk_widget_get_allocation (GTK_WIDGET (self->form_box), &form);
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->form_box)) &&
      gtk_widget_translate_coordinates (focus, GTK_WIDGET (self->form_box), 0, 0, &x, &y))
    gtk_adjustment_clamp_page (adjustment, form.y + y, form.y + y + gtk_widget_get_allocated_height (focus));
  return G_SOURCE_REMOVE;
}

/* The form's new size is known at its next allocation (the frame clock's
 * layout), which may come after idle callbacks: scroll from there. The
 * focus moves on with the mediator, so this never fights their scrolling
 * for long: it follows the focus, as GtkContainer's focus adjustment does. */
static void
on_scrolled_size_allocate (SillonReferralDialog *self)
{
  /* Every new size while a message shows: the window may grow in more
   * than one step. */
  if (!self->scroll_to_focus || !gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_to_focus, g_object_ref (self), g_object_unref);
}

void
sillon_referral_dialog_show_error (SillonReferralDialog *self, const char *message)
{
  g_return_if_fail (SILLON_IS_REFERRAL_DIALOG (self));

  sillon_message_label_set (self->message_label, message);
  self->scroll_to_focus = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self->scrolled));
}

/* The places found show two to three and a half rows whatever the text
 * size: a height in pixels showed three rows at text scale 1.0 and a row
 * and a half at 1.5. A row is two lines of text and its margins. */
#define PLACE_ROW_MARGINS 20

static void
size_places_list (SillonReferralDialog *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->places_list));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int line = PANGO_PIXELS (pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics));
  int row = 2 * line + PLACE_ROW_MARGINS;

  pango_font_metrics_unref (metrics);
  /* The largest first: GTK refuses a minimum above the maximum. */
  gtk_scrolled_window_set_max_content_height (self->places_scroller, 3 * row + row / 2);
  gtk_scrolled_window_set_min_content_height (self->places_scroller, 2 * row);
}

static void
sillon_referral_dialog_finalize (GObject *object)
{
  SillonReferralDialog *self = SILLON_REFERRAL_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_free (self->commune_insee);
  G_OBJECT_CLASS (sillon_referral_dialog_parent_class)->finalize (object);
}

static void
sillon_referral_dialog_class_init (SillonReferralDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sillon_referral_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-referral-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, order_label);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, places_list);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, places_scroller);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, destination_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, scrolled);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, done_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, documents_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, consent_check);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralDialog, share_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_places_list_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_places_list_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_consent_check_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_scrolled_size_allocate);
}

static void
sillon_referral_dialog_init (SillonReferralDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sillon_search_entry_down_to_list (GTK_ENTRY (self->search_entry), self->places_list);
  size_places_list (self);
  on_consent_check_toggled (self);
  /* The focused field scrolls into view, at any text size. */
  gtk_container_set_focus_vadjustment (self->form_box, gtk_scrolled_window_get_vadjustment (self->scrolled));
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->destination_combo), NULL);
}
