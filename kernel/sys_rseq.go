package kernel

import (
	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/rseq"
)

// sysRseq is rseq(2): rseq(struct rseq *rseq, u32 len, int flags, u32
// sig). Package rseq holds the whole of Linux's checks and the area's
// initial content.
func sysRseq(t *Task) (int64, abi.Errno) {
	a := t.args()
	return 0, rseq.Register(&t.Rseq, t.MM, a[0], uint32(a[1]),
		uint32(a[2]), uint32(a[3]))
}
