# Run by common/prebuild.groovy after common/make-fixtures.sh.
mkfifo fixtures/common/etc/pipe
