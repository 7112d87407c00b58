# Run by common/prebuild.groovy after common/make-fixtures.sh.
ln -s ../../../etc/passwd fixtures/common/etc/escape
