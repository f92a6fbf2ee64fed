/* vd-stats-ring.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vd-stats-ring.h"

/*
 * The history of one statistic: the newest @capacity samples in a fixed
 * array, oldest overwritten first. One allocation per series, no per-sample
 * allocation, so keeping a minute of seven series for 10,000 guests costs
 * 17 MB and no work for the allocator. NAN marks a gap (the guest
 * was not running, or the value could not be measured): graphs leave it
 * blank rather than drawing zero.
 *
 * Reference counted so a graph can hold the series it draws while the
 * guest goes away. Main thread only.
 */

struct _VdStatsRing
{
  gatomicrefcount  ref_count;
  guint            capacity;
  guint            length;    /* samples held, <= capacity */
  guint            head;      /* index the next sample goes to */
  float           *values;   /* a graph needs no more precision; half the memory */
};

G_DEFINE_BOXED_TYPE (VdStatsRing, vd_stats_ring, vd_stats_ring_ref, vd_stats_ring_unref)

/**
 * vd_stats_ring_new:
 * @capacity: how many samples to keep, at least 1
 */
VdStatsRing *
vd_stats_ring_new (guint capacity)
{
  VdStatsRing *self;

  g_return_val_if_fail (capacity > 0, NULL);

  self = g_new0 (VdStatsRing, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->capacity = capacity;
  self->values = g_new (float, capacity);

  return self;
}

VdStatsRing *
vd_stats_ring_ref (VdStatsRing *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vd_stats_ring_unref (VdStatsRing *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->values);
      g_free (self);
    }
}

void
vd_stats_ring_push (VdStatsRing *self,
                    double       value)
{
  g_return_if_fail (self != NULL);

  self->values[self->head] = (float)value;
  self->head = (self->head + 1) % self->capacity;
  if (self->length < self->capacity)
    self->length++;
}

void
vd_stats_ring_clear (VdStatsRing *self)
{
  g_return_if_fail (self != NULL);

  self->length = 0;
  self->head = 0;
}

guint
vd_stats_ring_get_length (const VdStatsRing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

guint
vd_stats_ring_get_capacity (const VdStatsRing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->capacity;
}

/**
 * vd_stats_ring_get:
 * @age: 0 for the newest sample, 1 for the one before, ...
 *
 * Returns: the sample, or NAN when @age is not held (yet)
 */
double
vd_stats_ring_get (const VdStatsRing *self,
                   guint              age)
{
  g_return_val_if_fail (self != NULL, NAN);

  if (age >= self->length)
    return NAN;

  return self->values[(self->head + self->capacity - 1 - age) % self->capacity];
}

/**
 * vd_stats_ring_set_capacity:
 *
 * Changes how many samples are kept; the newest ones survive a shrink.
 */
void
vd_stats_ring_set_capacity (VdStatsRing *self,
                            guint        capacity)
{
  float *values;
  guint keep;

  g_return_if_fail (self != NULL);
  g_return_if_fail (capacity > 0);

  if (capacity == self->capacity)
    return;

  keep = MIN (self->length, capacity);
  values = g_new (float, capacity);
  /* Oldest kept sample first. */
  for (guint i = 0; i < keep; i++)
    values[i] = vd_stats_ring_get (self, keep - 1 - i);

  g_free (self->values);
  self->values = values;
  self->capacity = capacity;
  self->length = keep;
  self->head = keep % capacity;
}

/**
 * vd_stats_ring_set:
 * @age: 0 for the newest sample
 *
 * Replaces a sample already held (one measured late, over several ticks);
 * an @age beyond the samples held is ignored.
 */
void
vd_stats_ring_set (VdStatsRing *self,
                   guint        age,
                   double       value)
{
  g_return_if_fail (self != NULL);

  if (age >= self->length)
    return;

  self->values[(self->head + self->capacity - 1 - age) % self->capacity] = (float)value;
}

/**
 * vd_stats_ring_get_max:
 *
 * Returns: the largest sample held, ignoring gaps; 0 when there is none
 */
double
vd_stats_ring_get_max (const VdStatsRing *self)
{
  double max = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->length; i++)
    {
      double value = self->values[i];

      if (!isnan (value) && value > max)
        max = value;
    }

  return max;
}
