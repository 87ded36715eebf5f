package kernel

import "time"

// sleep blocks the task for d, or until a signal when d < 0, and returns
// early when a signal becomes deliverable (schedule_hrtimeout with
// TASK_INTERRUPTIBLE). It returns the time left, zero after a full
// sleep, and whether a signal cut it short. The task's goroutine blocks;
// the other tasks run meanwhile.
func (t *Task) sleep(d time.Duration) (left time.Duration, interrupted bool) {
	c := t.k.clock()
	start := c.Monotonic()
	var timer <-chan time.Time
	if d >= 0 {
		timer = c.After(d)
	}

	for {
		wake, pending := t.armWake()
		if pending {
			return max(d-(c.Monotonic()-start), 0), true
		}

		select {
		case <-timer:
			return 0, false
		case <-wake:
			// A signal arrived, or a stale token from one already
			// delivered: armWake tells.
		}
	}
}

// armWake drains the task's wake channel and returns it with whether a
// signal is deliverable now, so that no signal sent after the check is
// missed.
func (t *Task) armWake() (<-chan struct{}, bool) {
	s := &t.signals
	s.mu.Lock()
	defer s.mu.Unlock()

	w := s.wakeChan()
	select {
	case <-w:
	default:
	}
	return w, s.deliverable() != 0
}
