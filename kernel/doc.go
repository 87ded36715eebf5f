// Package kernel ties ringside together: user tasks, the Linux syscall
// table and its handlers, signals, and the loop that runs a task in user
// mode and sends every trap through package entry.
//
// Linux names replaced here: struct task_struct (Task), sys_call_table
// (sysTable), force_sig_fault (Task.ForceSignalFault), do_exit and
// do_group_exit (Task.Exit), load_elf_binary (in package loader).
package kernel
