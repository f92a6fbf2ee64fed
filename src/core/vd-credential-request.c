/* vd-credential-request.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-credential-request"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-credential-request.h"
#include "vd-libvirt-task.h"

/*
 * A question libvirt asks while a connection opens (user name, password,
 * passphrase). libvirt calls its auth callback synchronously in the thread
 * that runs virConnectOpenAuth, which is always a worker here: the worker
 * builds a request, hands it to the main thread and blocks in
 * vd_credential_request_wait() until the UI answers or cancels. The UI side
 * never blocks: it answers from a dialog's response handler.
 *
 * Answers are secrets: they are never logged and are wiped from memory when
 * the request is finalized.
 */

typedef struct
{
  VdCredentialKind  kind;
  char             *prompt;
  char             *default_value;
  char             *answer;
} Field;

struct _VdCredentialRequest
{
  GObject  parent_instance;

  char    *uri;
  GArray  *fields;

  /* Protects everything below: written by the main thread, read by the
   * waiting worker. */
  GMutex   mutex;
  GCond    cond;
  guint    finished : 1;
  guint    answered : 1;
};

G_DEFINE_FINAL_TYPE (VdCredentialRequest, vd_credential_request, G_TYPE_OBJECT)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      explicit_bzero (*str, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

static void
field_clear (gpointer data)
{
  Field *field = data;

  g_clear_pointer (&field->prompt, g_free);
  g_clear_pointer (&field->default_value, g_free);
  wipe_string (&field->answer);
}

static void
vd_credential_request_finalize (GObject *object)
{
  VdCredentialRequest *self = (VdCredentialRequest *)object;

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->fields, g_array_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (vd_credential_request_parent_class)->finalize (object);
}

static void
vd_credential_request_class_init (VdCredentialRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vd_credential_request_finalize;

  /**
   * VdCredentialRequest::finished:
   * @self: the request
   * @answered: %TRUE when the UI answered, %FALSE when it was cancelled
   *
   * Emitted on the main thread once, when the request is answered or
   * cancelled by either side (the UI, or the connection giving up).
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
vd_credential_request_init (VdCredentialRequest *self)
{
  self->fields = g_array_new (FALSE, TRUE, sizeof (Field));
  g_array_set_clear_func (self->fields, field_clear);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

VdCredentialRequest *
vd_credential_request_new (const char *uri)
{
  VdCredentialRequest *self = g_object_new (VD_TYPE_CREDENTIAL_REQUEST, NULL);

  self->uri = g_strdup (uri);

  return self;
}

/**
 * vd_credential_request_add_field:
 *
 * Adds a question. Only before the request is handed to the UI.
 *
 * Returns: the field's index
 */
guint
vd_credential_request_add_field (VdCredentialRequest *self,
                                 VdCredentialKind     kind,
                                 const char          *prompt,
                                 const char          *default_value)
{
  Field field = { 0 };

  g_return_val_if_fail (VD_IS_CREDENTIAL_REQUEST (self), 0);

  field.kind = kind;
  field.prompt = g_strdup (prompt);
  field.default_value = g_strdup (default_value);
  g_array_append_val (self->fields, field);

  return self->fields->len - 1;
}

static gboolean
cancelled_cb (gpointer data)
{
  vd_credential_request_cancel (data);
  return G_SOURCE_REMOVE;
}

/**
 * vd_credential_request_wait:
 * @cancellable: (nullable): gives up waiting when cancelled
 *
 * Blocks the calling worker thread until the request is answered or
 * cancelled. Never call it on the main thread.
 *
 * Returns: %TRUE if the UI answered
 */
gboolean
vd_credential_request_wait (VdCredentialRequest *self,
                            GCancellable        *cancellable)
{
  gboolean answered;

  g_return_val_if_fail (VD_IS_CREDENTIAL_REQUEST (self), FALSE);

  g_mutex_lock (&self->mutex);
  while (!self->finished)
    {
      /* Wake up now and then to notice cancellation: GCancellable has no
       * way to signal our GCond. */
      gint64 deadline = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 4;

      g_cond_wait_until (&self->cond, &self->mutex, deadline);

      if (!self->finished && g_cancellable_is_cancelled (cancellable))
        {
          g_mutex_unlock (&self->mutex);
          /* Finish on the main thread so "finished" is emitted there and
           * an open dialog closes. */
          vd_libvirt_task_post (NULL, cancelled_cb, g_object_ref (self), g_object_unref);
          return FALSE;
        }
    }
  answered = self->answered;
  g_mutex_unlock (&self->mutex);

  return answered;
}

/**
 * vd_credential_request_dup_answer:
 *
 * Returns: (transfer full) (nullable): the answer to field @index, to be
 *   wiped and freed by the caller
 */
char *
vd_credential_request_dup_answer (VdCredentialRequest *self,
                                  guint                index)
{
  char *ret = NULL;

  g_return_val_if_fail (VD_IS_CREDENTIAL_REQUEST (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  g_mutex_lock (&self->mutex);
  if (self->answered)
    ret = g_strdup (g_array_index (self->fields, Field, index).answer);
  g_mutex_unlock (&self->mutex);

  return ret;
}

const char *
vd_credential_request_get_uri (VdCredentialRequest *self)
{
  g_return_val_if_fail (VD_IS_CREDENTIAL_REQUEST (self), NULL);

  return self->uri;
}

guint
vd_credential_request_get_n_fields (VdCredentialRequest *self)
{
  g_return_val_if_fail (VD_IS_CREDENTIAL_REQUEST (self), 0);

  return self->fields->len;
}

VdCredentialKind
vd_credential_request_get_kind (VdCredentialRequest *self,
                                guint                index)
{
  g_return_val_if_fail (VD_IS_CREDENTIAL_REQUEST (self), 0);
  g_return_val_if_fail (index < self->fields->len, 0);

  return g_array_index (self->fields, Field, index).kind;
}

const char *
vd_credential_request_get_prompt (VdCredentialRequest *self,
                                  guint                index)
{
  g_return_val_if_fail (VD_IS_CREDENTIAL_REQUEST (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return g_array_index (self->fields, Field, index).prompt;
}

const char *
vd_credential_request_get_default (VdCredentialRequest *self,
                                   guint                index)
{
  g_return_val_if_fail (VD_IS_CREDENTIAL_REQUEST (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return g_array_index (self->fields, Field, index).default_value;
}

/**
 * vd_credential_request_set_answer:
 *
 * Stores the answer to one field; takes effect with
 * vd_credential_request_reply(). Main thread.
 */
void
vd_credential_request_set_answer (VdCredentialRequest *self,
                                  guint                index,
                                  const char          *answer)
{
  Field *field;

  g_return_if_fail (VD_IS_CREDENTIAL_REQUEST (self));
  g_return_if_fail (index < self->fields->len);

  g_mutex_lock (&self->mutex);
  field = &g_array_index (self->fields, Field, index);
  wipe_string (&field->answer);
  field->answer = g_strdup (answer ? answer : "");
  g_mutex_unlock (&self->mutex);
}

static void
finish (VdCredentialRequest *self,
        gboolean             answered)
{
  g_mutex_lock (&self->mutex);
  if (self->finished)
    {
      g_mutex_unlock (&self->mutex);
      return;
    }
  self->finished = TRUE;
  self->answered = answered;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_signal_emit (self, signals[FINISHED], 0, answered);
}

/**
 * vd_credential_request_reply:
 *
 * Sends the answers given with vd_credential_request_set_answer() to the
 * waiting worker. Main thread.
 */
void
vd_credential_request_reply (VdCredentialRequest *self)
{
  g_return_if_fail (VD_IS_CREDENTIAL_REQUEST (self));

  finish (self, TRUE);
}

/**
 * vd_credential_request_cancel:
 *
 * Refuses to answer: the connection attempt fails cleanly. Main thread.
 */
void
vd_credential_request_cancel (VdCredentialRequest *self)
{
  g_return_if_fail (VD_IS_CREDENTIAL_REQUEST (self));

  finish (self, FALSE);
}

gboolean
vd_credential_request_is_finished (VdCredentialRequest *self)
{
  gboolean ret;

  g_return_val_if_fail (VD_IS_CREDENTIAL_REQUEST (self), TRUE);

  g_mutex_lock (&self->mutex);
  ret = self->finished;
  g_mutex_unlock (&self->mutex);

  return ret;
}
