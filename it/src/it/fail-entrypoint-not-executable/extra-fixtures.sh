# Run by common/prebuild.groovy after common/make-fixtures.sh.
chmod -x fixtures/entrypoints/gc
