//go:build rseqdebug

package entry

// rseqDebug enables the check that no syscall is issued inside an rseq
// critical section (Linux's CONFIG_DEBUG_RSEQ).
const rseqDebug = true
