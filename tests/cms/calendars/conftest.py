from tests.cms.users.conftest import security_log  # noqa: F401
