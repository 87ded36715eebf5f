package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// sysWait4 is wait4(2): it waits for a child to end and returns its PID,
// with its wait status at wstatus and a zeroed struct rusage (ringside
// keeps no accounting) unless they are NULL. pid > 0 is that child, -1
// or 0 any child (every task is in its parent's process group), < -1 a
// child whose PID is -pid. No such child is ECHILD; with WNOHANG and
// none ended yet it returns 0; a signal with a handler interrupts the
// wait (-ERESTARTSYS, which SA_RESTART restarts). Other options are
// accepted and ignored: there are no stopped children. Linux:
// kernel_wait4, do_wait.
func sysWait4(t *Task) (int64, abi.Errno) {
	a := t.args()
	pid, wstatus, options, ru := int(int32(a[0])), a[1], a[2], a[3]
	if pid < -1 {
		pid = -pid
	}

	for {
		c, any := t.reapChild(pid)
		switch {
		case !any:
			return 0, abi.ECHILD
		case c != nil:
			if wstatus != 0 {
				if e := t.putU32(wstatus, uint32(c.status)); e != 0 {
					return 0, e
				}
			}
			if ru != 0 {
				if e := t.copyOut(ru, make([]byte, abi.RusageSize)); e != 0 {
					return 0, e
				}
			}
			return int64(c.PID), 0
		case options&abi.WNOHANG != 0:
			return 0, 0
		}

		if !t.waitChild() {
			return 0, abi.ERESTARTSYS
		}
	}
}

// reapChild removes and returns a child matching pid (> 0: that PID;
// <= 0: any) that has ended; any says whether a matching child exists at
// all.
func (t *Task) reapChild(pid int) (c *Task, any bool) {
	f := &t.family
	f.mu.Lock()
	defer f.mu.Unlock()

	for i, k := range f.children {
		if pid > 0 && k.PID != pid {
			continue
		}
		any = true
		select {
		case <-k.done:
			f.children = append(f.children[:i], f.children[i+1:]...)
			return k, true
		default:
		}
	}
	return nil, any
}

// waitChild sleeps until a child ends or a signal becomes deliverable;
// false means the latter.
func (t *Task) waitChild() bool {
	exited := t.family.exitedChan()
	wake, pending := t.armWake()
	if pending {
		return false
	}
	select {
	case <-exited:
		return true
	case <-wake:
		_, pending := t.armWake()
		return !pending
	}
}
