/* cli_card.h — the household card 户有卡 on the command line (SPEC §7.2).
 *
 *   fupin export card  --db FILE (--household 户编号 | --id N) [--year Y] [-o OUT.xlsx]
 *   fupin export cards --db FILE --village CODE [--status S] [--year Y] [-o OUT.xlsx]
 *
 * --household takes the 户编号 shown on screen, --id the internal row id;
 * cards writes one sheet per household of the village (default the register,
 * 在册 and 已脱贫; --status as for the roster).  Without -o the file is
 * 户有卡_…_YYYYMMDD.xlsx in the current directory.  The full path written is
 * printed.  Exit codes: 0 written, 2 usage, 3 data/IO error. */
#ifndef FUPIN_CLI_CARD_H
#define FUPIN_CLI_CARD_H
#include "tui/cli.h"

int cmd_export_card(struct cli *c);
int cmd_export_cards(struct cli *c);

#endif
