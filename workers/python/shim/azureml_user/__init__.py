"""Stand-ins for the Azure ML packages parallel entry scripts import (azureml_user.parallel_run)."""
