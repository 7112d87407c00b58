evaluate(new File(basedir, '../common/prebuild.groovy'))
