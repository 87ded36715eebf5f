//go:build tamago && ptracesysemu

package main

const ptraceSysemu = true
