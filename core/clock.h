/* clock.h — the one "today" of the program.  Every date decision (notice
 * periods, ages, future birth dates) asks here, so tests can move time with
 * FUPIN_TODAY=YYYY-MM-DD. */
#ifndef FUPIN_CLOCK_H
#define FUPIN_CLOCK_H

/* Today as YYYY-MM-DD in out (11 bytes): $FUPIN_TODAY if set and valid, else
 * the local date. */
void clock_today(char out[11]);
/* Today as days since 1970-01-01 (the same day clock_today names). */
long clock_today_days(void);
/* Now as "YYYY-MM-DD HH:MM:SS" local time (audit stamps); with FUPIN_TODAY set
 * the date part is that day. */
void clock_now(char out[20]);

/* Date helpers (proleptic Gregorian).  Dates are "YYYY-MM-DD" strings. */
int  date_valid(int y, int m, int d);
/* Parses "YYYY-MM-DD" or "YYYYMMDD" into y/m/d; returns 1 when it is a real date. */
int  date_parse(const char *s, int *y, int *m, int *d);
/* Normalises "YYYYMMDD" or "YYYY-MM-DD" to "YYYY-MM-DD"; returns 0 if invalid. */
int  date_normalise(const char *s, char out[11]);
long date_to_days(int y, int m, int d);
void days_to_date(long days, char out[11]);
/* out = date + n days; returns 0 if date is invalid. */
int  date_add_days(const char *date, int n, char out[11]);
/* Whole years between birth and on (age on date `on`); -1 if either is invalid. */
int  age_on(const char *birth, const char *on);

#endif
