/*
 * A minimal disassembler plugin for HotSpot's PrintAssembly (and so JMH's perfasm) on JDK 17 and
 * later, x86-64 only, built on Capstone: HotSpot calls decode_instructions_virtual with the code to
 * show, and gets each instruction printed between an "insn" and a "/insn" event carrying its
 * address. Options: "intel" for Intel syntax (the default is AT&T). A profiling aid for
 * benchmarks/, not part of Herald. Build: see benchmarks/README.md, "Layout".
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <capstone/capstone.h>

typedef void* (*event_cb)(void*, const char*, void*);
typedef int (*printf_cb)(void*, const char*, ...);

static void* no_event(void* s, const char* e, void* a) { return NULL; }

void* decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char* buffer,
    uintptr_t length, event_cb ev, void* ev_stream, printf_cb pr, void* pr_stream,
    const char* options, int newline) {
  csh h;
  if (ev == NULL) ev = no_event;
  if (pr == NULL) { pr = (printf_cb) fprintf; if (pr_stream == NULL) pr_stream = stdout; }
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) return NULL;
  if (options != NULL && strstr(options, "intel") != NULL) cs_option(h, CS_OPT_SYNTAX, CS_OPT_SYNTAX_INTEL);
  else cs_option(h, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
  cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON);
  cs_insn* insn;
  size_t n = cs_disasm(h, buffer, length, start_va, 0, &insn);
  for (size_t j = 0; j < n; j++) {
    ev(ev_stream, "insn", (void*) insn[j].address);
    pr(pr_stream, "%s\t%s", insn[j].mnemonic, insn[j].op_str);
    ev(ev_stream, "/insn", (void*) (insn[j].address + insn[j].size));
    if (newline) pr(pr_stream, "\n");
  }
  if (n) cs_free(insn, n);
  cs_close(&h);
  return NULL;
}
