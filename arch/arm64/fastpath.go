package arm64

import "github.com/ringside-kernel/ringside/arch/fastpath"

// FastPath is what syscallFast (entry.s) reads to run an SVC without
// returning from Run (fastpath.Path).
type FastPath fastpath.Path

// SetFastPath installs the fast syscall path's view of the task.
func (c *Context) SetFastPath(f FastPath) { c.fast = f }
