/* appraisal.h — 村级评议 (menu 3, Form C): meetings, the agenda (surveyed
 * households, 五优先 first), votes and scores per household; ranks and
 * results computed live with the 2/3 rule and its numbers shown. */
#ifndef FUPIN_APPRAISAL_H
#define FUPIN_APPRAISAL_H
#include "tui/app.h"

struct screen appraisal_screen(void);

#endif
