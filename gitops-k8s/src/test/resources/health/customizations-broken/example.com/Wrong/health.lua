return {status = "Healthy", message = obj.metadata.name}
